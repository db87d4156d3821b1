package org.yimatong.hub.conformance;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of trust marks ({@code ymt.conformance.*}). */
@ConfigMapping(prefix = "ymt.conformance")
public interface ConformanceConfig {

    /**
     * A JWKS file (RFC 7517 {@code {"keys":[...]}}, public keys) of the conformance runners whose reports this hub
     * accepts. Read again at each upload, so a runner key is added or withdrawn without a restart. Absent: every
     * upload is refused, as no report can be trusted.
     */
    Optional<Path> trustedRunnerKeys();
}

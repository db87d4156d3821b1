package org.yimatong.hub.verification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the verification flow. */
@ConfigMapping(prefix = "ymt.verification")
public interface VerificationConfig {

    /** Accepted clock difference to a code's issuer (DESIGN.md §5), for {@code iat} and {@code exp}. */
    @WithDefault("30s")
    Duration codeSkew();

    /** How long an UNKNOWN answer (home unavailable) may be reused by the checkpoint. */
    @WithDefault("15s")
    Duration unknownValidFor();

    /** The Camel endpoint the resource hands each verification to. */
    @WithDefault("direct:verify")
    String routeUri();
}

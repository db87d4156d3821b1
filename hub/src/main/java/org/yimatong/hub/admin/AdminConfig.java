package org.yimatong.hub.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The operator's credential for {@code /v1/admin/**} and the admin-only reads. */
@ConfigMapping(prefix = "ymt.admin")
public interface AdminConfig {

    /**
     * The bearer token operators present. When absent the hub uses (and on first start creates) the
     * file {@code admin.token} in its home folder; there is never an open admin endpoint.
     */
    Optional<String> token();
}

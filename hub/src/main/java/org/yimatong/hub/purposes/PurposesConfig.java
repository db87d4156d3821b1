package org.yimatong.hub.purposes;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ymt.purposes")
public interface PurposesConfig {

    /**
     * At the root only: a purpose policy file ({@code purpose-policy.json}) that replaces the contract's, to publish a
     * newer version to the federation. Its version must be at least the contract's.
     */
    Optional<Path> file();

    /** How often a hub with a parent asks it for a newer policy ({@code off} in tests that drive it). */
    @WithDefault("10m")
    String refreshEvery();
}

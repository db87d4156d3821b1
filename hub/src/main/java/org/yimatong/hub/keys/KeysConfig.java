package org.yimatong.hub.keys;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the key that seals the hub's private keys at rest comes from, and how the hub's keys rotate. */
@ConfigMapping(prefix = "ymt.keys")
public interface KeysConfig {

    /**
     * The master key, 32 bytes in base64. When absent the hub uses (and on first start creates) the file
     * {@code master.key} in its home folder, which suits a single machine; production sets this.
     */
    Optional<String> masterKey();

    /** Rotation of the hub's signing keys (REQ-KEY-1). */
    Rotation rotation();

    interface Rotation {

        /** How long a new key is published in {@code /v1/jwks} before it signs (admin default and schedule). */
        @WithDefault("1h")
        Duration publishAhead();

        /** The scheduled rotation replaces a key once it has signed this long. */
        @WithDefault("30d")
        Duration maxAge();

        /** How often the schedule looks for keys past {@link #maxAge()} (a Quarkus scheduler period). */
        @WithDefault("1h")
        String checkEvery();

        /** Whether the schedule runs at all; the admin call works either way. */
        @WithDefault("true")
        boolean enabled();

        /** Clock skew verifiers accept after {@code exp}: an old key stays published this much longer. */
        @WithDefault("30s")
        Duration clockSkew();
    }
}

package org.yimatong.hub.tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of token exchange and introspection (DESIGN.md §8). */
@ConfigMapping(prefix = "ymt.tokens")
public interface TokensConfig {

    /** Lifetime of an issued hub token, at most 5 minutes. */
    @WithDefault("5m")
    Duration accessTokenLifetime();

    /** Lifetime of a caller's session token (REQ-AUTH-2, {@code grant_type=client_credentials}), at most 5 minutes. */
    @WithDefault("5m")
    Duration sessionLifetime();

    /** How many verified sessions an instance keeps; past it, expired ones are dropped first, then all. */
    @WithDefault("100000")
    int sessionCacheSize();

    /** Accepted clock difference with members' login services. */
    @WithDefault("30s")
    Duration clockSkew();

    /** The algorithm hub tokens and signed introspection answers are signed with: SM2, ES256 or EdDSA. */
    @WithDefault("SM2")
    String signingAlgorithm();

    /**
     * The secret of pairwise subjects, at least 32 bytes in base64. When absent the hub uses (and on first start
     * creates) {@code pairwise.key} in its home folder. Changing it changes every department's {@code sub}.
     */
    Optional<String> pairwiseSecret();

    /**
     * The audiences (services, named by the department's client id) the hub issues tokens for, each with the
     * lowest level it accepts; an audience not listed gets no tokens ({@code invalid_target}).
     */
    Map<String, Audience> audiences();

    interface Audience {

        /** {@code anonymous}, {@code basic}, {@code substantial} or {@code high}. */
        @WithDefault("basic")
        String minimumLevel();

        /**
         * The algorithm of this audience's tokens when it cannot verify the hub's default (e.g. ES256 for a
         * service without SM2); one of {@code ymt.hub.signing-algorithms}.
         */
        Optional<String> signingAlgorithm();

        /** Clients besides the audience itself that may obtain tokens for it (usually none). */
        Optional<List<String>> otherClients();
    }
}

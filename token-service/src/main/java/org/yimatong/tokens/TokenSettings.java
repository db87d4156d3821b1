package org.yimatong.tokens;

import java.time.Duration;
import java.util.Objects;

import org.yimatong.schemas.crypto.SignatureProfile;

/**
 * What the token service needs to know about the hub it runs in.
 *
 * @param hubEntityId this hub's entity id in the federation: the {@code aud} a subject token must name, claim
 *     {@code ymt_entity} of the hub's tokens, the issuer its revocations are kept under
 * @param issuer this hub's OAuth issuer (RFC 8414): its public base URL, {@code iss} of its tokens and signed
 *     introspection answers
 * @param accessTokenLifetime lifetime of an issued access token, at most {@link #MAX_ACCESS_TOKEN_LIFETIME}
 * @param clockSkew accepted difference between our clock and a member's
 * @param signingProfile the algorithm the hub signs tokens and introspection answers with (SM2 by default)
 */
public record TokenSettings(String hubEntityId, String issuer, Duration accessTokenLifetime, Duration clockSkew,
        SignatureProfile signingProfile) {

    /** DESIGN.md §8: {@code exp} at most five minutes after {@code iat}. */
    public static final Duration MAX_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** DESIGN.md §5's accepted skew, also used for tokens. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    /**
     * @throws IllegalArgumentException for a lifetime that is not positive or longer than five minutes, or a
     *     negative skew
     */
    public TokenSettings {
        Objects.requireNonNull(hubEntityId, "hubEntityId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(signingProfile, "signingProfile");
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()
                || accessTokenLifetime.compareTo(MAX_ACCESS_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException("access token lifetime must be in (0, 5 min], was "
                    + accessTokenLifetime);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
    }

    /** Five-minute tokens, 30 s skew, SM2. */
    public static TokenSettings defaults(String hubEntityId, String issuer) {
        return new TokenSettings(hubEntityId, issuer, MAX_ACCESS_TOKEN_LIFETIME, DEFAULT_CLOCK_SKEW,
                SignatureProfile.SM2);
    }

    public TokenSettings withSigningProfile(SignatureProfile profile) {
        return new TokenSettings(hubEntityId, issuer, accessTokenLifetime, clockSkew, profile);
    }

    public TokenSettings withAccessTokenLifetime(Duration lifetime) {
        return new TokenSettings(hubEntityId, issuer, lifetime, clockSkew, signingProfile);
    }
}

package org.yimatong.tokens.accesstoken;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.idtoken.IdTokenValidator;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

/**
 * Verifies a token this hub issued: {@code typ: at+jwt}, signed by one of the hub's published keys, {@code iss}
 * this hub's issuer URL and {@code ymt_entity} its entity id, not expired. Immutable and thread-safe.
 */
public final class HubAccessTokenVerifier {

    private final String issuer;
    private final String hubEntityId;
    private final Duration skew;
    private final JwsVerifier verifier = new JwsVerifier(IdTokenValidator.ALL_PROFILES, HubAccessToken.TYP);

    public HubAccessTokenVerifier(String issuer, String hubEntityId, Duration skew) {
        this.issuer = Objects.requireNonNull(issuer);
        this.hubEntityId = Objects.requireNonNull(hubEntityId);
        this.skew = Objects.requireNonNull(skew);
    }

    /**
     * @param hubKeys the hub's published keys at {@code now} (a retired key stays until its last token expired)
     * @throws TokenException {@code invalid_request} with the fault's problem type: the JWS faults of
     *     {@link JwsVerifier}, {@code unknown-issuer} for another {@code iss}, {@code code-expired} after
     *     {@code exp}, {@code code-malformed} for bad claims
     */
    public HubAccessToken verify(String token, KeyResolver hubKeys, Instant now) {
        VerifiedJws verified;
        try {
            verified = verifier.verify(token, hubKeys);
        } catch (JoseException e) {
            throw new TokenException(OAuthError.INVALID_REQUEST, e);
        }
        HubAccessToken claims;
        try {
            claims = HubAccessToken.fromClaims(StrictJson.read(verified.payload()));
        } catch (IOException e) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.CODE_MALFORMED,
                    "hub token claims are not JSON");
        }
        if (!claims.issuer().equals(issuer) || !claims.entity().equals(hubEntityId)) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.UNKNOWN_ISSUER,
                    "token was issued by " + claims.issuer() + ", not this hub");
        }
        if (!now.isBefore(claims.expiresAt().plus(skew))) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.CODE_EXPIRED,
                    "token expired at " + claims.expiresAt());
        }
        return claims;
    }
}

package org.yimatong.tokens.introspection;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.accesstoken.HubAccessToken;
import org.yimatong.tokens.accesstoken.HubAccessTokenVerifier;
import org.yimatong.tokens.revocation.RevocationList;
import org.yimatong.tokens.rotation.HubKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers introspection of hub tokens. A token is active when it verifies with the hub's published keys, was
 * issued by this hub, has not expired, is not revoked, and the asking client is its audience or the client it was
 * issued to (so one department cannot learn another's pairwise subjects). Anything else, including garbage, is
 * {@link IntrospectionResponse#inactive()}: the answer never says why. Immutable and thread-safe.
 */
public final class Introspection {

    /** The RFC 9701 JWS {@code typ}. */
    public static final String JWT_TYP = "token-introspection+jwt";
    /** The media type a client asks for with {@code Accept} to get the signed form. */
    public static final String JWT_MEDIA_TYPE = "application/token-introspection+jwt";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TokenSettings settings;
    private final HubKeys keys;
    private final RevocationList revocations;
    private final HubAccessTokenVerifier verifier;
    private final Clock clock;

    public Introspection(TokenSettings settings, HubKeys keys, RevocationList revocations, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.keys = Objects.requireNonNull(keys);
        this.revocations = Objects.requireNonNull(revocations);
        this.clock = Objects.requireNonNull(clock);
        this.verifier = new HubAccessTokenVerifier(settings.issuer(), settings.hubEntityId(), settings.clockSkew());
    }

    /**
     * @param token the {@code token} parameter
     * @param clientId the authenticated client asking
     */
    public IntrospectionResponse introspect(String token, String clientId) {
        Instant now = clock.instant();
        HubAccessToken claims;
        try {
            claims = verifier.verify(token, keys.publishedKeys(now), now);
        } catch (ProblemException e) {
            return IntrospectionResponse.inactive();
        }
        if (revocations.isRevoked(claims.entity(), claims.jti(), now)) {
            return IntrospectionResponse.inactive();
        }
        if (!clientId.equals(claims.audience()) && !clientId.equals(claims.clientId())) {
            return IntrospectionResponse.inactive();
        }
        return claims.toIntrospection();
    }

    /**
     * The RFC 9701 answer: a JWS, header {@code typ: token-introspection+jwt}, claims {@code iss} (this hub's issuer
     * URL), {@code ymt_entity} (its entity id), {@code aud} (the asking client), {@code iat} and
     * {@code token_introspection} (the RFC 7662 answer), signed with the hub's current key of the configured profile.
     */
    public String signed(IntrospectionResponse response, String clientId) {
        return signed(response, clientId, settings.signingProfile());
    }

    /** As {@link #signed(IntrospectionResponse, String)}, signed with the hub's current key of {@code profile}. */
    public String signed(IntrospectionResponse response, String clientId, SignatureProfile profile) {
        Instant now = clock.instant();
        ObjectNode claims = JSON.objectNode();
        claims.put("iss", settings.issuer());
        claims.put(HubAccessToken.ENTITY_CLAIM, settings.hubEntityId());
        claims.put("aud", clientId);
        claims.put("iat", now.getEpochSecond());
        claims.set("token_introspection", PayloadJson.mapper().valueToTree(response));
        try {
            return JwsSigner.sign(keys.signingKey(profile, now), JWT_TYP,
                    PayloadJson.mapper().writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write introspection claims", e);
        }
    }
}

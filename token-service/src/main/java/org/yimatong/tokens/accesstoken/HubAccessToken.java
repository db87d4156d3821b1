package org.yimatong.tokens.accesstoken;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The claims of a hub access token (DESIGN.md §8, RFC 9068 §2.2).
 *
 * @param issuer {@code iss}: the hub's OAuth issuer, its public base URL (RFC 8414, RFC 9068 §2.2)
 * @param entity {@code ymt_entity}: the hub's entity id in the federation
 * @param subject {@code sub}: the person's pairwise subject at {@code audience}
 * @param audience {@code aud}: the department's service
 * @param clientId {@code client_id}: the client that exchanged (RFC 9068 requires it)
 * @param acr {@code acr}: {@code urn:ymt:loa:<level>}
 * @param authTime {@code auth_time}: when the person authenticated at home
 * @param home {@code home}: the member that authenticated the person
 * @param jti {@code jti}: 128 random bits, base64url
 * @param actorSubject {@code act.sub}: the actor's pairwise subject at {@code audience}, for delegation
 * @param org {@code org}: the legal person the operator acts for, only with a binding and at least substantial
 */
public record HubAccessToken(String issuer, String entity, String subject, String audience, String clientId,
        LevelOfAssurance acr, Instant authTime, String home, String jti, Instant issuedAt, Instant expiresAt,
        Optional<String> actorSubject, Optional<String> org) {

    /** The JWS {@code typ} (RFC 9068 §2.1). */
    public static final String TYP = "at+jwt";
    /** The claim naming the issuing hub's entity id, beside the URL in {@code iss}. */
    public static final String ENTITY_CLAIM = "ymt_entity";

    public HubAccessToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(acr, "acr");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(actorSubject, "actorSubject");
        Objects.requireNonNull(org, "org");
    }

    /** The JWT claims set. */
    public ObjectNode toClaims() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", issuer);
        claims.put(ENTITY_CLAIM, entity);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("client_id", clientId);
        claims.put("acr", acr.uri());
        claims.put("auth_time", authTime.getEpochSecond());
        claims.put("home", home);
        claims.put("jti", jti);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        actorSubject.ifPresent(a -> claims.putObject("act").put("sub", a));
        org.ifPresent(o -> claims.put("org", o));
        return claims;
    }

    /** The compact JWS, header {@code {"typ":"at+jwt","alg":..,"kid":..}}. */
    public String sign(Jwk key) {
        try {
            return JwsSigner.sign(key, TYP, StrictJson.mapper().writeValueAsBytes(toClaims()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write token claims", e);
        }
    }

    /** The RFC 7662 answer for this token while it is active. */
    public IntrospectionResponse toIntrospection() {
        return new IntrospectionResponse(true, issuer, subject, List.of(audience),
                expiresAt.getEpochSecond(), issuedAt.getEpochSecond(), null, jti, clientId, "Bearer", null,
                acr.uri(), authTime.getEpochSecond(), home,
                actorSubject.map(a -> new IntrospectionResponse.Actor(a, null)).orElse(null));
    }

    /**
     * Reads the claims of a verified token.
     *
     * @throws TokenException {@code invalid_request}, {@link ProblemType#CODE_MALFORMED}, for a missing or
     *     mistyped claim; {@link ProblemType#UNKNOWN_LEVEL_OF_ASSURANCE} for an unknown {@code acr}
     */
    public static HubAccessToken fromClaims(JsonNode claims) {
        LevelOfAssurance acr = LevelOfAssurance.fromUri(text(claims, "acr"))
                .orElseThrow(() -> new TokenException(OAuthError.INVALID_REQUEST,
                        ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, "unknown acr in hub token"));
        JsonNode act = claims.get("act");
        Optional<String> actor = act == null ? Optional.empty() : Optional.of(text(act, "sub"));
        Optional<String> org = claims.has("org") ? Optional.of(text(claims, "org")) : Optional.empty();
        return new HubAccessToken(text(claims, "iss"), text(claims, ENTITY_CLAIM), text(claims, "sub"),
                text(claims, "aud"), text(claims, "client_id"), acr, time(claims, "auth_time"), text(claims, "home"),
                text(claims, "jti"), time(claims, "iat"), time(claims, "exp"), actor, org);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw malformed(name);
        }
        return value.textValue();
    }

    private static Instant time(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(name);
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static TokenException malformed(String claim) {
        return new TokenException(OAuthError.INVALID_REQUEST, ProblemType.CODE_MALFORMED,
                "hub token claim " + claim + " missing or mistyped");
    }

    /** No subjects in logs. */
    @Override
    public String toString() {
        return "HubAccessToken[aud=" + audience + ", acr=" + acr + ", home=" + home + ", jti=" + jti + ", exp="
                + expiresAt + "]";
    }
}

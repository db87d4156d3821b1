package org.yimatong.tokens.idtoken;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates an ID token from a member's login service in this hub's subtree: a compact JWS signed SM2, ES256 or
 * EdDSA. Immutable and thread-safe. Each refusal is {@code invalid_request} with its own problem type:
 *
 * <ul>
 * <li>not a JWS, a payload that is not a JSON object, a missing or mistyped claim: {@code code-malformed}</li>
 * <li>{@code typ} other than none, {@code JWT} or {@code id_token+jwt} (a hub token or a dynamic code is not an ID
 * token): {@code code-wrong-type}</li>
 * <li>{@code iss} not a member this hub validates: {@code unknown-issuer}</li>
 * <li>{@code alg: none} or an algorithm outside the allowed profiles: {@code algorithm-not-allowed}</li>
 * <li>HS256 (any HMAC) naming one of the member's public keys: {@code algorithm-key-mismatch}</li>
 * <li>a {@code kid} the member's key set lacks even after one refresh: {@code unknown-key}</li>
 * <li>a bad signature: {@code signature-invalid}</li>
 * <li>{@code aud} not naming this hub: {@code wrong-audience}</li>
 * <li>{@code exp} passed (beyond the skew): {@code code-expired}</li>
 * <li>{@code nbf}, {@code iat} or {@code auth_time} in the future (beyond the skew): {@code code-not-yet-valid}</li>
 * <li>{@code acr} not a known level: {@code unknown-level-of-assurance}</li>
 * <li>{@code ymt_list_sub} present but not 64 lowercase hex digits (an HMAC-SM3): {@code code-malformed}</li>
 * </ul>
 */
public final class IdTokenValidator implements SubjectTokenValidator {

    /** The profiles of DESIGN.md §4. */
    public static final Set<SignatureProfile> ALL_PROFILES = Set.of(SignatureProfile.values());
    private static final Set<String> ID_TOKEN_TYPES = Set.of("jwt", "id_token+jwt");
    private static final Pattern LIST_SUBJECT = Pattern.compile("[0-9a-f]{64}");

    private final String hubEntityId;
    private final IssuerKeys issuers;
    private final JwsVerifier verifier;
    private final Duration skew;
    private final Clock clock;

    /**
     * @param hubEntityId the audience an ID token must name
     * @param allowed the signature profiles accepted
     */
    public IdTokenValidator(String hubEntityId, IssuerKeys issuers, Set<SignatureProfile> allowed, Duration skew,
            Clock clock) {
        this.hubEntityId = Objects.requireNonNull(hubEntityId);
        this.issuers = Objects.requireNonNull(issuers);
        this.verifier = new JwsVerifier(allowed, null);
        this.skew = Objects.requireNonNull(skew);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public ValidatedIdToken validate(String token) {
        try {
            return check(token);
        } catch (TokenException e) {
            throw e;
        } catch (JoseException e) {
            throw new TokenException(OAuthError.INVALID_REQUEST, e);
        }
    }

    private ValidatedIdToken check(String token) {
        ParsedJws parsed = ParsedJws.parseCompact(token);
        String typ = parsed.header().typ();
        if (typ != null && ID_TOKEN_TYPES.stream().noneMatch(parsed.header()::typIs)) {
            throw refused(ProblemType.CODE_WRONG_TYPE, "typ " + typ + " is not an ID token");
        }
        // Routing on the unverified iss is safe: it only chooses whose keys must verify the signature.
        JsonNode unverified = claims(parsed.payload());
        String issuer = requiredText(unverified, "iss");
        KeyResolver current = issuers.keysOf(issuer)
                .orElseThrow(() -> refused(ProblemType.UNKNOWN_ISSUER, "issuer " + issuer + " is not known here"));
        KeyResolver withOneRefresh = new OneRefresh(current, issuer);
        VerifiedJws verified = verifier.verify(parsed, withOneRefresh);

        JsonNode claims = claims(verified.payload());
        String subject = requiredText(claims, "sub");
        if (!audienceNames(claims.get("aud"), hubEntityId)) {
            throw refused(ProblemType.WRONG_AUDIENCE, "aud does not name " + hubEntityId);
        }
        Instant now = clock.instant();
        Instant exp = requiredTime(claims, "exp");
        if (now.isAfter(exp.plus(skew))) {
            throw refused(ProblemType.CODE_EXPIRED, "ID token expired at " + exp);
        }
        Optional<Instant> nbf = optionalTime(claims, "nbf");
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(skew))) {
            throw refused(ProblemType.CODE_NOT_YET_VALID, "ID token not valid before " + nbf.get());
        }
        Instant iat = requiredTime(claims, "iat");
        if (iat.isAfter(now.plus(skew))) {
            throw refused(ProblemType.CODE_NOT_YET_VALID, "ID token issued in the future, at " + iat);
        }
        Instant authTime = requiredTime(claims, "auth_time");
        if (authTime.isAfter(now.plus(skew))) {
            throw refused(ProblemType.CODE_NOT_YET_VALID, "auth_time in the future: " + authTime);
        }
        LevelOfAssurance acr = AssurancePolicy.parse(requiredText(claims, "acr"), OAuthError.INVALID_REQUEST);
        Optional<String> jti = claims.hasNonNull("jti") ? Optional.of(requiredText(claims, "jti")) : Optional.empty();
        return new ValidatedIdToken(issuer, subject, acr, authTime, iat, exp, jti, mayAct(claims), listSubject(claims));
    }

    /** Looks in the current key set, and on a miss asks for one refresh: never more than one per token. */
    private final class OneRefresh implements KeyResolver {
        private final KeyResolver current;
        private final String issuer;
        private Optional<KeyResolver> refreshed;

        OneRefresh(KeyResolver current, String issuer) {
            this.current = current;
            this.issuer = issuer;
        }

        @Override
        public Optional<Jwk> resolve(String kid) {
            Optional<Jwk> key = current.resolve(kid);
            if (key.isPresent()) {
                return key;
            }
            if (refreshed == null) {
                refreshed = issuers.refresh(issuer);
            }
            return refreshed.flatMap(keys -> keys.resolve(kid));
        }
    }

    private static JsonNode claims(byte[] payload) {
        JsonNode node;
        try {
            node = StrictJson.read(payload);
        } catch (IOException e) {
            throw refused(ProblemType.CODE_MALFORMED, "ID token claims are not valid JSON");
        }
        if (!node.isObject()) {
            throw refused(ProblemType.CODE_MALFORMED, "ID token claims are not a JSON object");
        }
        return node;
    }

    private static boolean audienceNames(JsonNode aud, String expected) {
        if (aud == null) {
            throw refused(ProblemType.CODE_MALFORMED, "ID token has no aud");
        }
        if (aud.isTextual()) {
            return aud.textValue().equals(expected);
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && a.textValue().equals(expected)) {
                    return true;
                }
            }
            return false;
        }
        throw refused(ProblemType.CODE_MALFORMED, "aud must be a string or an array of strings");
    }

    /** {@code ymt_list_sub}: the person's list pseudonym, as the lists write it (64 lowercase hex digits). */
    private static Optional<String> listSubject(JsonNode claims) {
        JsonNode value = claims.get(ValidatedIdToken.LIST_SUBJECT_CLAIM);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !LIST_SUBJECT.matcher(value.textValue()).matches()) {
            throw refused(ProblemType.CODE_MALFORMED, ValidatedIdToken.LIST_SUBJECT_CLAIM
                    + " must be 64 lowercase hex digits (HMAC-SM3 under the list key)");
        }
        return Optional.of(value.textValue());
    }

    /** {@code may_act}: an object with the actor's {@code sub} and, optionally, its {@code iss}. */
    private static Optional<ValidatedIdToken.MayAct> mayAct(JsonNode claims) {
        JsonNode mayAct = claims.get("may_act");
        if (mayAct == null || mayAct.isNull()) {
            return Optional.empty();
        }
        if (!mayAct.isObject() || !mayAct.path("sub").isTextual() || mayAct.path("sub").asText().isEmpty()
                || (mayAct.has("iss") && !mayAct.get("iss").isTextual())) {
            throw refused(ProblemType.CODE_MALFORMED, "may_act must be an object with a sub (and optionally an iss)");
        }
        return Optional.of(new ValidatedIdToken.MayAct(mayAct.get("sub").asText(), mayAct.has("iss") ? mayAct.get(
                "iss").asText() : null));
    }

    private static String requiredText(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw refused(ProblemType.CODE_MALFORMED, "ID token claim " + name + " must be a non-empty string");
        }
        return value.textValue();
    }

    private static Instant requiredTime(JsonNode claims, String name) {
        return optionalTime(claims, name)
                .orElseThrow(() -> refused(ProblemType.CODE_MALFORMED, "ID token has no " + name));
    }

    private static Optional<Instant> optionalTime(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw refused(ProblemType.CODE_MALFORMED, "ID token claim " + name + " must be a NumericDate");
        }
        return Optional.of(Instant.ofEpochSecond(value.longValue()));
    }

    private static TokenException refused(ProblemType type, String detail) {
        return new TokenException(OAuthError.INVALID_REQUEST, type, detail);
    }
}

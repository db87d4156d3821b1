package org.yimatong.schemas.jose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RFC 7523 {@code private_key_jwt} client assertion of the v1 contract: {@code iss} = {@code sub} = the caller,
 * {@code aud} = the node called, a unique {@code jti}, and at most {@link #MAX_LIFETIME} between {@code iat} and
 * {@code exp}. It travels in header {@value #HEADER}, or as the {@code client_assertion} form field at the token
 * and introspection endpoints. Every node that calls another (member, hub, simulator, bench) makes it here, and
 * every node that is called checks it with {@link Claims}.
 */
public final class ClientAssertion {

    public static final String HEADER = "Ymt-Client-Assertion";
    public static final String FORM_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The longest identifier (entity id, jti) an assertion may carry. */
    static final int MAX_IDENTIFIER = 128;
    private static final Pattern ENTITY_ID = Pattern.compile("ymt:(hub|member):[A-Za-z0-9._-]+");
    private static final Pattern JTI = Pattern.compile("[\\x21-\\x7E]{1," + MAX_IDENTIFIER + "}");
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

    private ClientAssertion() {
    }

    /** A fresh assertion of {@code caller} for {@code audience}, valid {@link #MAX_LIFETIME} from {@code now}. */
    public static String sign(Jwk key, String caller, String audience, Instant now) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", caller);
        claims.put("sub", caller);
        claims.put("aud", audience);
        claims.put("jti", DynamicCodeCodec.newJti());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(MAX_LIFETIME).getEpochSecond());
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The claims an assertion must carry; anything missing, of the wrong type or out of time is a refusal. */
    public record Claims(String issuer, String subject, Set<String> audience, String jti, Instant issuedAt,
            Instant expiresAt) {

        /**
         * Reads the verified payload.
         *
         * @throws ProblemException {@code INVALID_CLIENT_ASSERTION} naming the first missing claim
         */
        public static Claims read(byte[] payload) {
            JsonNode json;
            try {
                json = StrictJson.read(payload);
            } catch (IOException e) {
                throw refused("the payload is not JSON");
            }
            if (json == null || !json.isObject()) {
                throw refused("the payload is not a JSON object");
            }
            Set<String> audience = new HashSet<>();
            JsonNode aud = json.path("aud");
            if (aud.isTextual()) {
                audience.add(aud.textValue());
            } else if (aud.isArray()) {
                aud.forEach(a -> audience.add(a.asText()));
            }
            return new Claims(text(json, "iss"), text(json, "sub"), Set.copyOf(audience), text(json, "jti"),
                    instant(json, "iat"), instant(json, "exp"));
        }

        /**
         * Checks the assertion is the caller's own, meant for {@code audience} and in its time window.
         *
         * @throws ProblemException {@code INVALID_CLIENT_ASSERTION} saying why not
         */
        public Claims check(String expectedAudience, Instant now, Duration skew) {
            return check(Set.of(expectedAudience), now, skew);
        }

        /**
         * As {@link #check(String, Instant, Duration)}, for a node known by several names: the assertion's
         * {@code aud} must contain one of {@code acceptedAudiences} (a hub's entity id, its OAuth issuer URL and its
         * token endpoint URL, RFC 7523 §3).
         *
         * @throws ProblemException {@code INVALID_CLIENT_ASSERTION} saying why not
         */
        public Claims check(Set<String> acceptedAudiences, Instant now, Duration skew) {
            // identifiers have a grammar (REQ-ERR-2): checked before any of them reaches a lookup, a queue or a table
            if (!ENTITY_ID.matcher(issuer).matches() || issuer.length() > MAX_IDENTIFIER) {
                throw refused("iss is not an entity id");
            }
            if (!JTI.matcher(jti).matches()) {
                throw refused("jti must be 1 to " + MAX_IDENTIFIER + " printable ASCII characters");
            }
            if (!issuer.equals(subject)) {
                throw refused("iss and sub must both name the caller");
            }
            if (acceptedAudiences.stream().noneMatch(audience::contains)) {
                throw refused("the assertion is for another audience, not " + String.join(" or ", new TreeSet<>(
                        acceptedAudiences)));
            }
            // the skew moves now, which is ours, not the claims, which may sit at the ends of Instant's range
            if (expiresAt.isBefore(now.minus(skew))) {
                throw refused("the assertion has expired");
            }
            if (issuedAt.isAfter(now.plus(skew))) {
                throw refused("the assertion is issued in the future");
            }
            if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
                throw refused("the assertion lives longer than " + MAX_LIFETIME.toSeconds() + " s");
            }
            return this;
        }

        private static String text(JsonNode json, String name) {
            JsonNode value = json.get(name);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw refused("claim " + name + " is missing");
            }
            return value.textValue();
        }

        private static long number(JsonNode json, String name) {
            JsonNode value = json.get(name);
            if (value == null || !value.canConvertToLong()) {
                throw refused("claim " + name + " is missing or not a number");
            }
            return value.longValue();
        }

        private static Instant instant(JsonNode json, String name) {
            try {
                return Instant.ofEpochSecond(number(json, name));
            } catch (DateTimeException e) {
                throw refused("claim " + name + " is out of range");
            }
        }
    }

    public static ProblemException refused(String why) {
        return new ProblemException(ProblemType.INVALID_CLIENT_ASSERTION, "Client assertion refused: " + why);
    }
}

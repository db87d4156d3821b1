package org.yimatong.schemas.crypto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A member's published key set (RFC 7517 §5), looked up by {@code kid}. Strict on import: every key must be
 * one of our profiles and valid, and {@code kid}s are unique, so a lookup is never ambiguous. Immutable, with
 * value equality.
 */
public final class JwkSet implements KeyResolver {

    private final Map<String, Jwk> byKid;
    private final List<Jwk> ordered;

    /**
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} if two keys share a {@code kid}
     */
    public JwkSet(List<Jwk> keys) {
        Map<String, Jwk> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Jwk key = keys.get(i);
            if (map.putIfAbsent(key.kid(), key) != null) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid JWK set",
                        List.of(new FieldError("/keys/" + i + "/kid", "duplicate kid " + key.kid())));
            }
        }
        this.byKid = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    public List<Jwk> keys() {
        return ordered;
    }

    @Override
    public Optional<Jwk> resolve(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(byKid.get(kid));
    }

    /** The same set without private parts, for publishing. */
    public JwkSet publicOnly() {
        return new JwkSet(ordered.stream().map(Jwk::publicOnly).toList());
    }

    /** {@code {"keys":[...]}} with public parts only. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("keys");
        ordered.forEach(k -> array.add(k.toJson()));
        return node;
    }

    /**
     * Imports {@code {"keys":[...]}}.
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED}, field errors pointing into
     *     {@code /keys/<i>}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static JwkSet parse(JsonNode node) {
        JsonNode keys = node == null ? null : node.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid JWK set",
                    List.of(new FieldError("/keys", "required array")));
        }
        List<Jwk> parsed = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            try {
                parsed.add(Jwk.parse(keys.get(i), "/keys/" + i));
            } catch (ProblemException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid JWK set", errors);
        }
        return new JwkSet(parsed);
    }

    /** Equal when the same keys (public and private parts, {@code kid}, {@code exp}) are in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JwkSet other && ordered.equals(other.ordered);
    }

    @Override
    public int hashCode() {
        return ordered.hashCode();
    }

    /** Public parts only. */
    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Parses JWKS JSON text; see {@link #parse(JsonNode)}. */
    public static JwkSet parse(String json) {
        return parse(readTree(json));
    }

    static JsonNode readTree(String json) {
        try {
            return StrictJson.read(json);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Key JSON is malformed", e);
        }
    }
}

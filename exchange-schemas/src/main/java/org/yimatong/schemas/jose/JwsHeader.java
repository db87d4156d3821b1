package org.yimatong.schemas.jose;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The protected header of a JWS: the members every check needs, and the whole JSON for the rest. A member
 * that is absent or not a string is {@code null} here.
 */
public record JwsHeader(String alg, String kid, String typ, ObjectNode json) {

    /**
     * True if {@code typ} names {@code mediaType} as RFC 7515 §4.1.9 compares them: case-insensitively, with
     * the {@code application/} prefix optional on either side.
     */
    public boolean typIs(String mediaType) {
        return typ != null && normalise(typ).equals(normalise(mediaType));
    }

    private static String normalise(String mediaType) {
        String lower = mediaType.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    static JwsHeader of(ObjectNode json) {
        return new JwsHeader(text(json, "alg"), text(json, "kid"), text(json, "typ"), json);
    }

    private static String text(ObjectNode json, String name) {
        return json.hasNonNull(name) && json.get(name).isTextual() ? json.get(name).textValue() : null;
    }
}

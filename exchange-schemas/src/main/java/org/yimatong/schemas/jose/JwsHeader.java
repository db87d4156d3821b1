package org.yimatong.schemas.jose;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The protected header of a JWS: the members every check needs, and the whole JSON for the rest. A member
 * that is absent or not a string is {@code null} here.
 */
public record JwsHeader(String alg, String kid, String typ, ObjectNode json) {

    static JwsHeader of(ObjectNode json) {
        return new JwsHeader(text(json, "alg"), text(json, "kid"), text(json, "typ"), json);
    }

    private static String text(ObjectNode json, String name) {
        return json.hasNonNull(name) && json.get(name).isTextual() ? json.get(name).textValue() : null;
    }
}

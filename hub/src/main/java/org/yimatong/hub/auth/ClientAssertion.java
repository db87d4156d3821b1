package org.yimatong.hub.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.jose.JwsSigner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 7523 {@code private_key_jwt} client assertion: {@code iss} = {@code sub} = the caller, {@code aud} =
 * the hub called, a unique {@code jti} and a short life. The hub makes one for each call it forwards to its
 * parent or a child hub, and members make them to call the hub (header {@code Ymt-Client-Assertion}).
 */
public final class ClientAssertion {

    public static final String HEADER = "Ymt-Client-Assertion";
    /** The longest life the hub accepts, between {@code iat} and {@code exp}. */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

    private ClientAssertion() {
    }

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
}

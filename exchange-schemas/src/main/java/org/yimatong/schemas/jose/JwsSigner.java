package org.yimatong.schemas.jose;

import java.nio.charset.StandardCharsets;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes compact and detached JWS with a private {@link Jwk}. The protected header is
 * {@code {"typ":..,"alg":..,"kid":..}} in that order (no {@code typ} if none is given), so the same key,
 * type and payload always give the same header bytes.
 */
public final class JwsSigner {

    private JwsSigner() {
    }

    /**
     * A compact JWS {@code header.payload.signature}.
     *
     * @param typ the {@code typ} header, or {@code null} for none
     * @throws IllegalStateException if {@code key} has no private part
     */
    public static String sign(Jwk key, String typ, byte[] payload) {
        String input = header(key, typ) + "." + Base64Url.encode(payload);
        return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A detached JWS {@code header..signature} (RFC 7515 Appendix F): the signature covers the payload, which
     * travels separately.
     *
     * @param typ the {@code typ} header, or {@code null} for none
     * @throws IllegalStateException if {@code key} has no private part
     */
    public static String signDetached(Jwk key, String typ, byte[] payload) {
        String header = header(key, typ);
        String input = header + "." + Base64Url.encode(payload);
        return header + ".." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String header(Jwk key, String typ) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (typ != null) {
            header.put("typ", typ);
        }
        header.put("alg", key.profile().joseName());
        header.put("kid", key.kid());
        try {
            return Base64Url.encode(StrictJson.mapper().writeValueAsBytes(header));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JWS header", e);
        }
    }
}

package org.yimatong.schemas.jose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JWS taken apart but NOT verified: good for routing (who issued it, which key) and nothing else.
 *
 * @param signingInput the ASCII bytes {@code BASE64URL(header) '.' BASE64URL(payload)} the signature covers
 */
public record ParsedJws(JwsHeader header, byte[] payload, byte[] signingInput, byte[] signature) {

    /**
     * Splits a compact JWS into its parts.
     *
     * @throws JoseException {@link ProblemType#CODE_MALFORMED} for a wrong number of parts, bad base64url or a
     *     header that is not a JSON object
     */
    public static ParsedJws parseCompact(String jws) {
        String[] parts = split(jws);
        return of(parts[0], parts[1], decode(parts[1], "payload"), parts[2]);
    }

    /**
     * Takes apart a detached JWS ({@code header..signature}, RFC 7515 Appendix F) for the given payload.
     *
     * @throws JoseException {@link ProblemType#CODE_MALFORMED} as {@link #parseCompact}, or if the payload
     *     part is not empty
     */
    public static ParsedJws parseDetached(String jws, byte[] payload) {
        String[] parts = split(jws);
        if (!parts[1].isEmpty()) {
            throw malformed("a detached JWS must have an empty payload part");
        }
        return of(parts[0], Base64Url.encode(payload), payload, parts[2]);
    }

    private static ParsedJws of(String encodedHeader, String encodedPayload, byte[] payload, String encodedSig) {
        byte[] headerBytes = decode(encodedHeader, "header");
        JsonNode header;
        try {
            header = StrictJson.read(headerBytes);
        } catch (IOException e) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "JWS header is not valid JSON", e);
        }
        if (!(header instanceof ObjectNode object)) {
            throw malformed("JWS header is not a JSON object");
        }
        byte[] signingInput = (encodedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII);
        return new ParsedJws(JwsHeader.of(object), payload, signingInput, decode(encodedSig, "signature"));
    }

    private static String[] split(String jws) {
        if (jws == null) {
            throw malformed("no JWS");
        }
        int first = jws.indexOf('.');
        int second = first < 0 ? -1 : jws.indexOf('.', first + 1);
        if (second < 0 || jws.indexOf('.', second + 1) >= 0) {
            throw malformed("a JWS has exactly three dot-separated parts");
        }
        return new String[]{ jws.substring(0, first), jws.substring(first + 1, second), jws.substring(second + 1) };
    }

    private static byte[] decode(String part, String name) {
        try {
            return Base64Url.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "JWS " + name + " is not base64url", e);
        }
    }

    private static JoseException malformed(String detail) {
        return new JoseException(ProblemType.CODE_MALFORMED, detail);
    }
}

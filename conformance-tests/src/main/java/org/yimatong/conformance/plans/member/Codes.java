package org.yimatong.conformance.plans.member;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.yimatong.conformance.engine.Check;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Codes the suite bends from genuine ones, for negative tests: a changed header (alg, kid, typ) with the original
 * signature, one flipped signature bit, an unsigned copy. The member must refuse every one.
 */
final class Codes {

    private Codes() {
    }

    /** The same code with its protected header edited; payload and signature untouched (so no longer valid). */
    static String withHeader(String code, Consumer<ObjectNode> edit) {
        String[] parts = parts(code);
        ObjectNode header = ParsedJws.parseCompact(code).header().json().deepCopy();
        edit.accept(header);
        return Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
    }

    /** The same code with its claims edited; header and signature untouched (so no longer valid). */
    static String withClaims(String code, Consumer<ObjectNode> edit) {
        String[] parts = parts(code);
        ObjectNode claims;
        try {
            claims = (ObjectNode) org.yimatong.schemas.canonical.StrictJson.read(Base64Url.decode(parts[1]));
        } catch (java.io.IOException | ClassCastException e) {
            throw Check.fail("the member's code has no JSON object as its payload");
        }
        edit.accept(claims);
        return parts[0] + "." + Base64Url.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The same code with one bit of its signature flipped. */
    static String withFlippedSignatureBit(String code) {
        String[] parts = parts(code);
        byte[] signature = Base64Url.decode(parts[2]);
        Check.that(signature.length > 0, "the member's code has an empty signature");
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64Url.encode(signature);
    }

    /** {@code alg: none} and no signature: an unsigned copy of the code. */
    static String unsigned(String code) {
        String reheaded = withHeader(code, h -> h.put("alg", "none"));
        return reheaded.substring(0, reheaded.lastIndexOf('.') + 1);
    }

    /** The code with two parts only (its signature cut off, dots and all). */
    static String truncated(String code) {
        return code.substring(0, code.lastIndexOf('.'));
    }

    private static String[] parts(String code) {
        String[] parts = code.split("\\.", -1);
        Check.that(parts.length == 3, "the member's code is not a compact JWS (three parts)");
        return parts;
    }
}

package org.yimatong.schemas.canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes: the form that is digested and signed for batch entries and
 * manifests (DESIGN.md §7), so two members that build the same JSON get the same bytes.
 *
 * <p>The general path serialises with Jackson and canonicalises with the erdtman reference implementation,
 * which sorts members by UTF-16 code units and prints numbers as ECMAScript does (so integers beyond 2^53
 * lose precision, as I-JSON warns). {@link #appendString} is the string rule alone, for writers of
 * fixed-shape objects on a hot path (10 M list entries a day) that cannot afford a second parse.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 bytes of a JSON value (object, array or scalar).
     *
     * @throws IllegalArgumentException if the value holds a number JSON cannot carry (NaN, infinity)
     */
    public static byte[] canonicalize(JsonNode value) {
        return canonicalString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical bytes of anything Jackson can turn into JSON (records, maps, nodes). */
    public static byte[] canonicalize(Object value) {
        return canonicalize(StrictJson.mapper().valueToTree(value));
    }

    /**
     * The canonical form of JSON text, parsed strictly first (a duplicate member name is an error, not a
     * choice).
     *
     * @throws IllegalArgumentException if {@code json} is not valid JSON
     */
    public static String canonicalText(String json) {
        try {
            return canonicalString(StrictJson.read(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code value} as an RFC 8785 string literal (§3.2.2.2): quotes, with only {@code "}, {@code \}
     * and the C0 controls escaped, the short escapes where JSON has them and lowercase {@code \}{@code u00xx}
     * otherwise; everything else verbatim.
     *
     * @throws IllegalArgumentException for a lone surrogate, which I-JSON forbids
     */
    public static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * The reference implementation takes only an object or array at the top, so the value goes in as a
     * one-element array and comes out without the brackets.
     */
    private static String canonicalString(JsonNode value) {
        requireFinite(value);
        try {
            String array = "[" + StrictJson.mapper().writeValueAsString(value) + "]";
            String canonical = new JsonCanonicalizer(array).getEncodedString();
            return canonical.substring(1, canonical.length() - 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
    }

    private static void requireFinite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("JSON cannot carry " + node.doubleValue());
        }
        if (node.isContainerNode()) {
            node.forEach(CanonicalJson::requireFinite);
        }
    }
}

package org.yimatong.schemas.crypto;

import java.util.Base64;

/**
 * Unpadded base64url (RFC 7515 §2), strict on input: padding, whitespace and the standard alphabet are
 * refused, because JWS and JWK never contain them and leniency lets two strings mean the same bytes.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes unpadded base64url.
     *
     * @throws IllegalArgumentException if {@code text} is not unpadded base64url; callers turn this into
     *     their own problem type
     */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0 || text.length() % 4 == 1) {
            throw new IllegalArgumentException("not unpadded base64url");
        }
        byte[] bytes = DECODER.decode(text);
        // the JDK ignores the unused low bits of the last character: "AB" decodes as "AA" does
        if (text.length() % 4 != 0 && !ENCODER.encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical base64url: unused bits of the last character are set");
        }
        return bytes;
    }
}

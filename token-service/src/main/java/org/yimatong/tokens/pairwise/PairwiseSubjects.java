package org.yimatong.tokens.pairwise;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.HmacSm3;

/**
 * {@code sub = base64url(HMAC(hubSecret, "ymt-pairwise-v1" || home || memberSubject || audience))}, each part
 * UTF-8 and prefixed by its 4-byte big-endian length so no two different triples give the same input. The same
 * person ({@code home}, {@code memberSubject}) gets a different {@code sub} at each audience, the same one every
 * time at one audience, and nobody without the hub secret can link two of them. Immutable and thread-safe.
 */
public final class PairwiseSubjects {

    /** The MAC: HMAC-SM3 (DESIGN.md §4, pseudonyms) or HMAC-SHA256. */
    public enum Algorithm {
        HMAC_SM3, HMAC_SHA256
    }

    /** Shortest hub secret accepted, in bytes. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final byte[] DOMAIN = "ymt-pairwise-v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final Algorithm algorithm;

    /**
     * @throws IllegalArgumentException if {@code secret} is shorter than {@link #MIN_SECRET_LENGTH} bytes
     */
    public PairwiseSubjects(byte[] secret, Algorithm algorithm) {
        if (secret == null || secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("hub pairwise secret must have at least " + MIN_SECRET_LENGTH
                    + " bytes");
        }
        this.secret = secret.clone();
        this.algorithm = Objects.requireNonNull(algorithm);
    }

    /** The pairwise subject of a member's subject at {@code audience}: 43 base64url characters. */
    public String subject(String home, String memberSubject, String audience) {
        byte[] input = input(home, memberSubject, audience);
        byte[] mac = switch (algorithm) {
            case HMAC_SM3 -> HmacSm3.mac(secret, input);
            case HMAC_SHA256 -> hmacSha256(input);
        };
        return Base64Url.encode(mac);
    }

    private static byte[] input(String... parts) {
        byte[][] encoded = new byte[parts.length][];
        int length = DOMAIN.length;
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = Objects.requireNonNull(parts[i]).getBytes(StandardCharsets.UTF_8);
            length += 4 + encoded[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).put(DOMAIN);
        for (byte[] part : encoded) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    private byte[] hmacSha256(byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PairwiseSubjects[" + algorithm + ", secret=<" + secret.length + " bytes>]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairwiseSubjects p && algorithm == p.algorithm
                && java.security.MessageDigest.isEqual(secret, p.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret) * 31 + algorithm.hashCode();
    }
}

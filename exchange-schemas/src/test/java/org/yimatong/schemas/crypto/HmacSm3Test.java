package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * HMAC-SM3 against GM/T 0042-2015 Appendix D.3 (both values also reproduced with
 * {@code openssl mac -digest SM3 -macopt hexkey:.. HMAC}).
 */
class HmacSm3Test {

    @Test
    void macOfLongTextWith32ByteKeyIsTheStandardExample() {
        // given
        byte[] key = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        byte[] data = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".repeat(2)
                .getBytes(StandardCharsets.US_ASCII);

        // when
        byte[] mac = HmacSm3.mac(key, data);

        // then
        assertEquals("ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a", Hex.toHexString(mac));
    }

    @Test
    void macWith37ByteKeyIsTheStandardExample() {
        // given
        byte[] key = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425");
        byte[] data = new byte[50];
        Arrays.fill(data, (byte) 0xcd);

        // when
        byte[] mac = HmacSm3.mac(key, data);

        // then
        assertEquals("220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae", Hex.toHexString(mac));
    }

    @Test
    void subjectIdIsLowercaseHexOfTheMacAndDependsOnTheEpochKey() {
        // given two epoch keys and one normalised ID number
        byte[] january = Hex.decode("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        byte[] february = Hex.decode("2102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        String id = "11010519491231002X";

        // when
        String sub = HmacSm3.subjectId(january, id);

        // then
        assertEquals(Hex.toHexString(HmacSm3.mac(january, id.getBytes(StandardCharsets.UTF_8))), sub);
        assertEquals(64, sub.length());
        assertNotEquals(sub, HmacSm3.subjectId(february, id));
    }
}

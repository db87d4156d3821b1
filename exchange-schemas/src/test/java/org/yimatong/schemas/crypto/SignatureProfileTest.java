package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureProfileTest {

    private static final byte[] DATA = "eyJhbGciOiJTTTIifQ.e30".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void signatureIs64BytesAndVerifiesOnlyForTheSignedDataAndKey(SignatureProfile profile) {
        // given two key pairs
        AsymmetricCipherKeyPair pair = profile.generateKeyPair();
        AsymmetricCipherKeyPair other = profile.generateKeyPair();

        // when
        byte[] signature = profile.sign(pair.getPrivate(), DATA);

        // then
        assertEquals(SignatureProfile.SIGNATURE_LENGTH, signature.length);
        assertTrue(profile.verify(pair.getPublic(), DATA, signature));
        assertFalse(profile.verify(pair.getPublic(), "eyJhbGciOiJTTTIifQ.e31".getBytes(StandardCharsets.US_ASCII),
                signature));
        assertFalse(profile.verify(other.getPublic(), DATA, signature));
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void malformedSignaturesAreFalseNotExceptions(SignatureProfile profile) {
        // given
        AsymmetricCipherKeyPair pair = profile.generateKeyPair();
        byte[] good = profile.sign(pair.getPrivate(), DATA);

        // when / then: wrong lengths, all zero, all ones, a private key as verifier
        assertFalse(profile.verify(pair.getPublic(), DATA, new byte[0]));
        assertFalse(profile.verify(pair.getPublic(), DATA, Arrays.copyOf(good, 63)));
        assertFalse(profile.verify(pair.getPublic(), DATA, Arrays.copyOf(good, 65)));
        assertFalse(profile.verify(pair.getPublic(), DATA, new byte[64]));
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        assertFalse(profile.verify(pair.getPublic(), DATA, ones));
        assertFalse(profile.verify(pair.getPrivate(), DATA, good));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureProfile.class, names = { "SM2", "ES256" })
    void ecSignatureWithSEqualToTheOrderIsRefused(SignatureProfile profile) {
        // given a good signature whose s is replaced by n (out of range, same length)
        AsymmetricCipherKeyPair pair = profile.generateKeyPair();
        byte[] signature = profile.sign(pair.getPrivate(), DATA);
        byte[] n = BigIntegers.asUnsignedByteArray(32, profile.domain().getN());
        System.arraycopy(n, 0, signature, 32, 32);

        // when / then
        assertFalse(profile.verify(pair.getPublic(), DATA, signature));
        assertThrows(IllegalArgumentException.class, () -> profile.toDer(signature));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureProfile.class, names = { "SM2", "ES256" })
    void derFormRoundTripsToTheSameRawSignature(SignatureProfile profile) {
        // given
        AsymmetricCipherKeyPair pair = profile.generateKeyPair();
        byte[] raw = profile.sign(pair.getPrivate(), DATA);

        // when
        byte[] der = profile.toDer(raw);

        // then
        assertEquals(0x30, der[0]);
        assertArrayEquals(raw, profile.fromDer(der));
    }

    @Test
    void eddsaHasNoDerForm() {
        assertThrows(IllegalArgumentException.class, () -> SignatureProfile.EDDSA.toDer(new byte[64]));
    }

    @Test
    void signingWithAKeyOfAnotherProfileIsRefused() {
        // given an ES256 private key
        AsymmetricCipherKeyPair p256 = SignatureProfile.ES256.generateKeyPair();

        // when / then
        assertThrows(IllegalArgumentException.class, () -> SignatureProfile.SM2.sign(p256.getPrivate(), DATA));
        assertFalse(SignatureProfile.SM2.verify(p256.getPublic(), DATA, new byte[64]));
    }

    @Test
    void joseNamesMapToProfilesAndNothingElse() {
        assertEquals(SignatureProfile.SM2, SignatureProfile.fromJoseName("SM2").orElseThrow());
        assertEquals(SignatureProfile.ES256, SignatureProfile.fromJoseName("ES256").orElseThrow());
        assertEquals(SignatureProfile.EDDSA, SignatureProfile.fromJoseName("EdDSA").orElseThrow());
        assertTrue(SignatureProfile.fromJoseName("none").isEmpty());
        assertTrue(SignatureProfile.fromJoseName("HS256").isEmpty());
        assertTrue(SignatureProfile.fromJoseName("eddsa").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void oneKeyVerifiesFromManyThreadsAtOnce(SignatureProfile profile) throws Exception {
        // given one key and a set of signatures, half of them bad
        AsymmetricCipherKeyPair pair = profile.generateKeyPair();
        byte[] good = profile.sign(pair.getPrivate(), DATA);
        byte[] bad = good.clone();
        bad[10] ^= 1;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when 200 verifications run concurrently
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] signature = i % 2 == 0 ? good : bad;
                results.add(pool.submit(() -> profile.verify(pair.getPublic(), DATA, signature)));
            }

            // then each answer is the one for its own signature
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0, results.get(i).get(30, TimeUnit.SECONDS), "verification " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void es256SignaturesAreDeterministic() {
        // given (RFC 6979 nonces)
        AsymmetricCipherKeyPair pair = SignatureProfile.ES256.generateKeyPair();

        // when / then
        assertArrayEquals(SignatureProfile.ES256.sign(pair.getPrivate(), DATA),
                SignatureProfile.ES256.sign(pair.getPrivate(), DATA));
    }
}

package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class KeyPemTest {

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void publicPemRoundTripsToTheSameKey(SignatureProfile profile) {
        // given
        Jwk key = Jwk.generate(profile);

        // when
        String pem = KeyPem.publicKeyPem(key);
        Jwk back = KeyPem.parsePem(pem);

        // then
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(profile, back.profile());
        assertEquals(key.thumbprint(), back.kid());
        assertFalse(back.hasPrivateKey());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void privatePemRoundTripsAndSignsForTheSamePublicKey(SignatureProfile profile) {
        // given
        Jwk key = Jwk.generate(profile);

        // when
        String pem = KeyPem.privateKeyPem(key);
        Jwk back = KeyPem.parsePem(pem);

        // then
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(key.thumbprint(), back.thumbprint());
        assertTrue(key.verify(new byte[]{ 7 }, back.sign(new byte[]{ 7 })));
    }

    @Test
    void garbageAndForeignPemAreValidationFailures() {
        // given
        String notPem = "hello";
        String cert = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";
        String broken = "-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----\n";

        // when / then
        assertEquals(ProblemType.VALIDATION_FAILED,
                assertThrows(ProblemException.class, () -> KeyPem.parsePem(notPem)).type());
        assertEquals(ProblemType.VALIDATION_FAILED,
                assertThrows(ProblemException.class, () -> KeyPem.parsePem(cert)).type());
        assertEquals(ProblemType.VALIDATION_FAILED,
                assertThrows(ProblemException.class, () -> KeyPem.parsePem(broken)).type());
    }
}

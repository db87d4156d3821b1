package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemType;

/** Every way a JWS is refused, each with its own problem type, and nothing else ever thrown. */
class JwsVerifierTest {

    private static final String TYP = "test+jwt";
    private static final byte[] PAYLOAD = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private final Jwk sm2 = Jwk.generate(SignatureProfile.SM2).withKid("sm2-1");
    private final Jwk es256 = Jwk.generate(SignatureProfile.ES256).withKid("es-1");
    private final JwkSet keys = new JwkSet(List.of(sm2.publicOnly(), es256.publicOnly()));
    private final JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    @ParameterizedTest
    @ValueSource(strings = { "", "abc", "a.b", "a.b.c.d", "..", "%%%.e30.AAAA", "eyJhbGciOiJTTTIifQ=.e30.AAAA" })
    void brokenStructureOrBase64IsMalformed(String jws) {
        assertRefused(ProblemType.CODE_MALFORMED, jws);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[\"alg\"]", "{\"alg\":\"SM2\",\"alg\":\"none\",\"kid\":\"sm2-1\"}",
            "{\"alg\":\"SM2\"} trailing", "{\"alg\":7,\"typ\":\"test+jwt\",\"kid\":\"sm2-1\"}" })
    void headerThatIsNotOneJsonObjectWithAStringAlgIsMalformed(String header) {
        assertRefused(ProblemType.CODE_MALFORMED, craft(header, PAYLOAD, new byte[64]));
    }

    @ParameterizedTest
    @ValueSource(strings = { "none", "None", "NONE" })
    void unsignedJwsIsNotAllowed(String alg) {
        // given an alg-none token with an empty signature part
        String jws = craft("{\"typ\":\"test+jwt\",\"alg\":\"" + alg + "\",\"kid\":\"sm2-1\"}", PAYLOAD, new byte[0]);

        // when / then
        assertRefused(ProblemType.ALGORITHM_NOT_ALLOWED, jws);
    }

    @Test
    void hmacSignedWithThePublicKeyAsSecretIsAKeyMismatch() {
        // given the key-confusion attack: HS256 keyed with the signer's public key bytes, under its kid
        String header = "{\"typ\":\"test+jwt\",\"alg\":\"HS256\",\"kid\":\"es-1\"}";
        String input = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(PAYLOAD);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(KeyPem.publicKeyPem(es256).getBytes(StandardCharsets.US_ASCII)));
        byte[] in = input.getBytes(StandardCharsets.US_ASCII);
        hmac.update(in, 0, in.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);

        // when / then
        assertRefused(ProblemType.ALGORITHM_KEY_MISMATCH, input + "." + Base64Url.encode(mac));
    }

    @ParameterizedTest
    @ValueSource(strings = { "HS256", "RS256", "ES384", "PS256", "sm2" })
    void algorithmsOutsideTheProfilesAreNotAllowed(String alg) {
        // given no kid, or one nobody knows: nothing to confuse, simply not ours
        String jws = craft("{\"typ\":\"test+jwt\",\"alg\":\"" + alg + "\",\"kid\":\"who\"}", PAYLOAD, new byte[64]);

        // when / then
        assertRefused(ProblemType.ALGORITHM_NOT_ALLOWED, jws);
    }

    @Test
    void profileOutsideTheAllowListIsNotAllowedEvenWhenTheSignatureIsGood() {
        // given a verifier that accepts SM2 only, and a good ES256 token
        JwsVerifier sm2Only = new JwsVerifier(EnumSet.of(SignatureProfile.SM2), TYP);
        String jws = JwsSigner.sign(es256, TYP, PAYLOAD);

        // when
        JoseException e = assertThrows(JoseException.class, () -> sm2Only.verify(jws, keys));

        // then
        assertEquals(ProblemType.ALGORITHM_NOT_ALLOWED, e.type());
    }

    @Test
    void wrongOrMissingTypIsTheWrongType() {
        assertRefused(ProblemType.CODE_WRONG_TYPE, JwsSigner.sign(sm2, "at+jwt", PAYLOAD));
        assertRefused(ProblemType.CODE_WRONG_TYPE, JwsSigner.sign(sm2, null, PAYLOAD));
    }

    @Test
    void typComparesCaseInsensitivelyWithOptionalApplicationPrefix() {
        // when / then (RFC 7515 §4.1.9)
        assertArrayEquals(PAYLOAD, verifier.verify(JwsSigner.sign(sm2, "application/TEST+JWT", PAYLOAD), keys)
                .payload());
    }

    @Test
    void criticalHeaderWeDoNotUnderstandIsRefused() {
        // given a well-signed token that marks an extension critical
        String jws = signWithHeader(sm2, "{\"typ\":\"test+jwt\",\"alg\":\"SM2\",\"kid\":\"sm2-1\","
                + "\"crit\":[\"exp\"],\"exp\":1}");

        // when / then
        assertRefused(ProblemType.CODE_MALFORMED, jws);
    }

    @Test
    void missingKidIsMalformedAndUnknownKidIsUnknownKey() {
        assertRefused(ProblemType.CODE_MALFORMED, signWithHeader(sm2, "{\"typ\":\"test+jwt\",\"alg\":\"SM2\"}"));
        assertRefused(ProblemType.UNKNOWN_KEY, JwsSigner.sign(Jwk.generate(SignatureProfile.SM2), TYP, PAYLOAD));
    }

    @Test
    void algThatDoesNotMatchTheResolvedKeyIsAKeyMismatch() {
        // given an SM2 signature labelled with the kid of the ES256 key
        String jws = signWithHeader(sm2, "{\"typ\":\"test+jwt\",\"alg\":\"SM2\",\"kid\":\"es-1\"}");

        // when / then
        assertRefused(ProblemType.ALGORITHM_KEY_MISMATCH, jws);
    }

    @Test
    void tamperedPayloadOrTruncatedSignatureIsAnInvalidSignature() {
        // given a good token
        String jws = JwsSigner.sign(sm2, TYP, PAYLOAD);
        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + Base64Url.encode("{\"n\":2}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        String truncated = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40);

        // when / then
        assertRefused(ProblemType.SIGNATURE_INVALID, tampered);
        assertRefused(ProblemType.SIGNATURE_INVALID, truncated);
    }

    @Test
    void detachedJwsWithAPayloadPartIsMalformed() {
        // given a compact token offered as a detached one
        String jws = JwsSigner.sign(sm2, TYP, PAYLOAD);

        // when
        JoseException e = assertThrows(JoseException.class, () -> verifier.verifyDetached(jws, PAYLOAD, keys));

        // then
        assertEquals(ProblemType.CODE_MALFORMED, e.type());
    }

    @Test
    void randomCorruptionOfHeaderOrPayloadOnlyEverGivesAJoseException() {
        // given a good token and a seeded random source
        String jws = JwsSigner.sign(sm2, TYP, PAYLOAD);
        int signatureStart = jws.lastIndexOf('.');
        Random random = new Random(42);
        String alphabet = "ABCxyz019-_.=+/ {}\"\u00e9";

        for (int i = 0; i < 500; i++) {
            // when one character of the signed part is replaced, deleted or duplicated
            StringBuilder corrupt = new StringBuilder(jws);
            int at = random.nextInt(signatureStart);
            switch (random.nextInt(3)) {
                case 0 -> corrupt.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> corrupt.deleteCharAt(at);
                default -> corrupt.insert(at, corrupt.charAt(at));
            }
            if (corrupt.toString().equals(jws)) {
                continue;
            }

            // then it is refused, as a JoseException and nothing else
            assertThrows(JoseException.class, () -> verifier.verify(corrupt.toString(), keys), corrupt.toString());
        }
    }

    private void assertRefused(ProblemType expected, String jws) {
        JoseException e = assertThrows(JoseException.class, () -> verifier.verify(jws, keys));
        assertEquals(expected, e.type(), e.getMessage());
    }

    private static String craft(String headerJson, byte[] payload, byte[] signature) {
        return Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(payload) + "."
                + Base64Url.encode(signature);
    }

    private static String signWithHeader(Jwk key, String headerJson) {
        String input = Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(PAYLOAD);
        return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}

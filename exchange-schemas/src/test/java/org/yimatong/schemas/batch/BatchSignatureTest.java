package org.yimatong.schemas.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class BatchSignatureTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final String HEX = "74b2fc59813cbece6627a397629e51adc46ceacb4b8b80d9a4b1e25aeb3689f5";

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void manifestSignedWithEachProfileVerifiesAndNamesTheKey(SignatureProfile profile) {
        // given a manifest with the profile's digest
        Jwk key = Jwk.generate(profile);
        BatchManifest manifest = manifest(BatchDigest.forProfile(profile), 3);

        // when
        String signature = BatchSignature.sign(manifest, key);
        Jwk signer = BatchSignature.verify(signature, manifest, new JwkSet(List.of(key.publicOnly())));

        // then
        assertEquals(key.kid(), signer.kid());
        assertEquals("", signature.split("\\.")[1]);
    }

    @Test
    void signatureDoesNotCoverAManifestWithAnotherCount() {
        // given a signature over count 3
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        String signature = BatchSignature.sign(manifest(BatchDigest.SM3, 3), key);

        // when
        JoseException e = assertThrows(JoseException.class, () -> BatchSignature.verify(signature,
                manifest(BatchDigest.SM3, 4), new JwkSet(List.of(key))));

        // then
        assertEquals(ProblemType.SIGNATURE_INVALID, e.type());
    }

    @Test
    void sm2SignedBatchWithASha256DigestIsRefusedOnBothSides() {
        // given an SM2 key and a SHA-256 manifest, signed around the check
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        BatchManifest sha = manifest(BatchDigest.SHA_256, 3);
        String signature = JwsSigner.signDetached(key, BatchSignature.TYP, sha.canonicalBytes());

        // when / then
        assertEquals(ProblemType.BATCH_INVALID,
                assertThrows(ProblemException.class, () -> BatchSignature.sign(sha, key)).type());
        assertEquals(ProblemType.BATCH_INVALID, assertThrows(ProblemException.class,
                () -> BatchSignature.verify(signature, sha, new JwkSet(List.of(key)))).type());
    }

    @Test
    void detachedSignatureOfAnotherTypeIsTheWrongType() {
        // given a good signature over the manifest bytes, typed as a code
        Jwk key = Jwk.generate(SignatureProfile.EDDSA);
        BatchManifest manifest = manifest(BatchDigest.SHA_256, 3);
        String signature = JwsSigner.signDetached(key, "ymt-code+jwt", manifest.canonicalBytes());

        // when / then
        assertEquals(ProblemType.CODE_WRONG_TYPE, assertThrows(JoseException.class,
                () -> BatchSignature.verify(signature, manifest, new JwkSet(List.of(key)))).type());
    }

    @Test
    void manifestCanonicalBytesHaveSortedMembersAndAPlainDay() {
        assertEquals("{\"batchTag\":\"2026-11-27.1\",\"count\":3,\"day\":\"2026-11-27\",\"digest\":\"sm3:" + HEX
                + "\",\"member\":\"ymt:member:310000\"}",
                new String(manifest(BatchDigest.SM3, 3).canonicalBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void malformedManifestIsRefusedWithAFieldErrorEach() {
        // when
        ProblemException e = assertThrows(ProblemException.class,
                () -> new BatchManifest(" ", "tag with spaces", null, -1, "md5:abc"));

        // then
        assertEquals(ProblemType.BATCH_INVALID, e.type());
        assertEquals(List.of("/member", "/batchTag", "/day", "/count", "/digest"),
                e.errors().stream().map(FieldError::pointer).toList());
    }

    private static BatchManifest manifest(BatchDigest digest, long count) {
        return new BatchManifest("ymt:member:310000", "2026-11-27.1", DAY, count, digest.prefix() + ":" + HEX);
    }
}

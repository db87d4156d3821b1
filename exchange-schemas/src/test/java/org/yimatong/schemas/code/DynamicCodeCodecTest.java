package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** REQ-CODE-1: every refusal of a dynamic code has its own problem type. Time comes from a fixed clock. */
class DynamicCodeCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final String JTI = "AAECAwQFBgcICQoLDA0ODw";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final JwkSet keys = new JwkSet(List.of(key.publicOnly()));
    private final DynamicCodeCodec codec = codecAt(NOW);

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void codeRoundTripsWithEveryProfile(SignatureProfile profile) {
        // given
        Jwk signer = Jwk.generate(profile);
        CodeClaims claims = claims(NOW, NOW.plusSeconds(60));

        // when
        String code = codec.encode(claims, signer);

        // then
        assertEquals(claims, codec.verify(code, new JwkSet(List.of(signer.publicOnly()))));
    }

    @Test
    void decodeReadsTheIssuerWithoutAnyKeyForRouting() {
        // given a code whose key the router does not have
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), key);

        // when
        CodeClaims unverified = codec.decode(code);

        // then
        assertEquals("ymt:member:310000", unverified.iss());
        assertEquals(Colour.YELLOW, unverified.col());
    }

    @Test
    void decodeAndVerifyAgreeOnTheTypSpelling() {
        // given a code typed with the optional media-type prefix, in upper case (RFC 7515 §4.1.9)
        CodeClaims claims = claims(NOW, NOW.plusSeconds(60));
        String code = JwsSigner.sign(key, "application/YMT-CODE+JWT", json(claims.toJson()));

        // when / then
        assertEquals(claims, codec.decode(code));
        assertEquals(claims, codec.verify(code, keys, NOW));
    }

    @Test
    void malformedBase64IsMalformed() {
        assertRefused(ProblemType.CODE_MALFORMED, "eyJ0eXAi*.e30.AAAA", NOW);
        assertEquals(ProblemType.CODE_MALFORMED,
                assertThrows(JoseException.class, () -> codec.decode("not a code")).type());
    }

    @Test
    void tokenOfAnotherTypeIsTheWrongType() {
        // given a well-signed access token carrying code claims
        String token = JwsSigner.sign(key, "at+jwt", json(claims(NOW, NOW.plusSeconds(60)).toJson()));

        // when / then
        assertRefused(ProblemType.CODE_WRONG_TYPE, token, NOW);
        assertEquals(ProblemType.CODE_WRONG_TYPE, assertThrows(JoseException.class, () -> codec.decode(token)).type());
    }

    @Test
    void unsignedCodeIsNotAllowed() {
        // given
        String header = "{\"typ\":\"ymt-code+jwt\",\"alg\":\"none\",\"kid\":\"" + key.kid() + "\"}";
        String code = b64(header) + "." + Base64Url.encode(json(claims(NOW, NOW.plusSeconds(60)).toJson())) + ".";

        // when / then
        assertRefused(ProblemType.ALGORITHM_NOT_ALLOWED, code, NOW);
    }

    @Test
    void hs256KeyedWithTheIssuersPublicKeyIsAKeyMismatch() {
        // given an HS256 code under the issuer's kid, keyed with its public PEM
        String header = "{\"typ\":\"ymt-code+jwt\",\"alg\":\"HS256\",\"kid\":\"" + key.kid() + "\"}";
        String input = b64(header) + "." + Base64Url.encode(json(claims(NOW, NOW.plusSeconds(60)).toJson()));
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII)));
        byte[] in = input.getBytes(StandardCharsets.US_ASCII);
        hmac.update(in, 0, in.length);
        byte[] mac = new byte[32];
        hmac.doFinal(mac, 0);

        // when / then
        assertRefused(ProblemType.ALGORITHM_KEY_MISMATCH, input + "." + Base64Url.encode(mac), NOW);
    }

    @Test
    void codeSignedWithAKeyTheIssuerDoesNotPublishIsAnUnknownKey() {
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), Jwk.generate(SignatureProfile.SM2));
        assertRefused(ProblemType.UNKNOWN_KEY, code, NOW);
    }

    @Test
    void tamperedPayloadIsAnInvalidSignature() {
        // given a yellow code whose payload is swapped for a green one
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), key);
        ObjectNode green = claims(NOW, NOW.plusSeconds(60)).toJson().put("col", "G");
        String[] parts = code.split("\\.");
        String tampered = parts[0] + "." + Base64Url.encode(json(green)) + "." + parts[2];

        // when / then
        assertRefused(ProblemType.SIGNATURE_INVALID, tampered, NOW);
    }

    @Test
    void codeIsValidUpToExpiryPlusSkewAndExpiredOneSecondLater() {
        // given a code valid from NOW to NOW + 60 s, skew 30 s
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), key);

        // when / then
        assertEquals(JTI, codec.verify(code, keys, NOW.plusSeconds(90)).jti());
        assertRefused(ProblemType.CODE_EXPIRED, code, NOW.plusSeconds(91));
    }

    @Test
    void codeIssuedUpToSkewInTheFutureIsAcceptedAndBeyondIsNotYetValid() {
        // given a code issued at NOW
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), key);

        // when / then: the verifier's clock is behind the issuer's
        assertEquals(JTI, codec.verify(code, keys, NOW.minusSeconds(30)).jti());
        assertRefused(ProblemType.CODE_NOT_YET_VALID, code, NOW.minusSeconds(31));
    }

    @Test
    void codeLivingLongerThanSixtySecondsIsRefusedOnBothSides() {
        // given claims with exp - iat = 61 s
        CodeClaims tooLong = claims(NOW, NOW.plusSeconds(61));
        String code = JwsSigner.sign(key, DynamicCodeCodec.TYP, json(tooLong.toJson()));

        // when / then: the verifier refuses it, and the codec would not have made it
        assertRefused(ProblemType.CODE_LIFETIME_TOO_LONG, code, NOW);
        assertEquals(ProblemType.VALIDATION_FAILED,
                assertThrows(ProblemException.class, () -> codec.encode(tooLong, key)).type());
    }

    @Test
    void badClaimsAreMalformedWithOneFieldErrorEach() {
        // given a well-signed code with a 5-digit region, a word colour and a short jti
        ObjectNode bad = claims(NOW, NOW.plusSeconds(60)).toJson()
                .put("rgn", "31010").put("col", "GREEN").put("jti", "AAEC");
        String code = JwsSigner.sign(key, DynamicCodeCodec.TYP, json(bad));

        // when
        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, NOW));

        // then
        assertEquals(ProblemType.CODE_MALFORMED, e.type());
        assertEquals(List.of("/col", "/jti", "/rgn"), e.errors().stream().map(FieldError::pointer).sorted().toList());
    }

    @Test
    void missingOrMistypedClaimsAreMalformed() {
        // given no iss, iat as a string, exp before iat is impossible to tell: exp missing
        ObjectNode bad = claims(NOW, NOW.plusSeconds(60)).toJson();
        bad.remove("iss");
        bad.remove("exp");
        bad.put("iat", "2026-11-27T08:00:00Z");
        String code = JwsSigner.sign(key, DynamicCodeCodec.TYP, json(bad));

        // when
        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, NOW));

        // then
        assertEquals(ProblemType.CODE_MALFORMED, e.type());
        assertEquals(List.of("/exp", "/iat", "/iss"), e.errors().stream().map(FieldError::pointer).sorted().toList());
    }

    @Test
    void relativesCodeRoundTripsWithItsHolder() {
        // given a child's code held by a guardian (REQ-CODE-4)
        CodeClaims child = new CodeClaims("ymt:member:310000", "p-child", JTI, Colour.GREEN, "310101", NOW,
                NOW.plusSeconds(60), "p-guardian");

        // when
        CodeClaims verified = codec.verify(codec.encode(child, key), keys, NOW);

        // then
        assertEquals(child, verified);
        assertTrue(verified.isDependant());
    }

    @Test
    void sevenClaimCodeIsAPersonsOwn() {
        CodeClaims own = claims(NOW, NOW.plusSeconds(60));

        assertNull(own.hld());
        assertFalse(own.isDependant());
        assertFalse(own.toJson().has("hld"));
    }

    @Test
    void holderThatIsNotAStringBlankOrTheSubjectItselfIsMalformedAtHld() {
        for (ObjectNode bad : List.of(claims(NOW, NOW.plusSeconds(60)).toJson().put("hld", 42),
                claims(NOW, NOW.plusSeconds(60)).toJson().put("hld", " "),
                claims(NOW, NOW.plusSeconds(60)).toJson().put("hld", "p-7f3c9a"))) {
            String code = JwsSigner.sign(key, DynamicCodeCodec.TYP, json(bad));

            JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, NOW));

            assertEquals(ProblemType.CODE_MALFORMED, e.type());
            assertEquals(List.of("/hld"), e.errors().stream().map(FieldError::pointer).toList(), bad.toString());
        }
    }

    @Test
    void issuerWhosePolicyAllowsADayHasItsDayLongCodesAcceptedAndNoLonger() {
        // given Gansu's policy: codes valid for a day (REQ-CODE-3)
        Duration day = Duration.ofHours(24);
        String dayLong = codec.encode(claims(NOW, NOW.plus(day)), key, day);
        String longer = JwsSigner.sign(key, DynamicCodeCodec.TYP,
                json(claims(NOW, NOW.plus(day).plusSeconds(1)).toJson()));

        // when / then
        assertEquals(JTI, codec.verify(dayLong, keys, NOW.plusSeconds(3600), day).jti());
        assertEquals(ProblemType.CODE_LIFETIME_TOO_LONG,
                assertThrows(JoseException.class, () -> codec.verify(longer, keys, NOW, day)).type());
        assertEquals(ProblemType.CODE_LIFETIME_TOO_LONG,
                assertThrows(JoseException.class, () -> codec.verify(dayLong, keys, NOW)).type(),
                "an issuer without a policy keeps the one-minute limit");
        assertEquals(ProblemType.CODE_LIFETIME_TOO_LONG, assertThrows(JoseException.class,
                () -> codec.verify(codec.parse(longer), keys, NOW, day)).type());
    }

    @Test
    void policyOutsideOneSecondToADayIsAProgrammingError() {
        CodeClaims claims = claims(NOW, NOW.plusSeconds(60));
        String code = codec.encode(claims, key);

        assertThrows(IllegalArgumentException.class, () -> codec.verify(code, keys, NOW, Duration.ofHours(25)));
        assertThrows(IllegalArgumentException.class, () -> codec.checkTimes(claims, NOW, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(claims, key, Duration.ofDays(2)));
    }

    @Test
    void verifyWithoutAnInstantUsesTheInjectedClock() {
        // given a code that expired (with skew) by the time of a later clock
        String code = codec.encode(claims(NOW, NOW.plusSeconds(60)), key);
        DynamicCodeCodec later = codecAt(NOW.plusSeconds(91));

        // when / then
        assertEquals(JTI, codec.verify(code, keys).jti());
        assertEquals(ProblemType.CODE_EXPIRED, assertThrows(JoseException.class, () -> later.verify(code, keys))
                .type());
    }

    @Test
    void newJtiIs128RandomBitsInBase64url() {
        // when
        String a = DynamicCodeCodec.newJti();
        String b = DynamicCodeCodec.newJti();

        // then
        assertEquals(22, a.length());
        assertEquals(16, Base64Url.decode(a).length);
        assertNotEquals(a, b);
    }

    private void assertRefused(ProblemType expected, String code, Instant now) {
        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, now));
        assertEquals(expected, e.type(), e.getMessage());
    }

    private static DynamicCodeCodec codecAt(Instant now) {
        return new DynamicCodeCodec(Clock.fixed(now, ZoneOffset.UTC), DynamicCodeCodec.DEFAULT_SKEW,
                EnumSet.allOf(SignatureProfile.class));
    }

    private static CodeClaims claims(Instant iat, Instant exp) {
        return new CodeClaims("ymt:member:310000", "p-7f3c9a", JTI, Colour.YELLOW, "310101", iat, exp);
    }

    private static byte[] json(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** REQ-VENUE-1: a venue code is verified as strictly as a dynamic code, and never taken for one. */
class VenueCodeCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final JwkSet keys = new JwkSet(List.of(key.publicOnly()));
    private final VenueCodeCodec codec = new VenueCodeCodec(Clock.fixed(NOW, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));
    private final DynamicCodeCodec dynamic = new DynamicCodeCodec(Clock.fixed(NOW, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void venueCodeRoundTripsWithEveryProfile(SignatureProfile profile) {
        // given
        Jwk signer = Jwk.generate(profile);

        // when
        String code = codec.encode(claims(NOW, NOW.plus(Duration.ofDays(365))), signer);

        // then
        assertEquals(claims(NOW, NOW.plus(Duration.ofDays(365))),
                codec.verify(code, new JwkSet(List.of(signer.publicOnly()))));
    }

    @Test
    void decodeReadsThePlatformAndVenueWithoutAnyKeyForRouting() {
        String code = codec.encode(claims(NOW, NOW.plusSeconds(3600)), key);

        VenueClaims unverified = codec.decode(code);

        assertEquals("ymt:member:620000", unverified.iss());
        assertEquals("lz-west-station-e1", unverified.vid());
    }

    @Test
    void dynamicCodeScannedAsAVenueIsNotAVenueCode() {
        // given a well-signed dynamic code
        String personal = dynamic.encode(new CodeClaims("ymt:member:620000", "p-7f3c9a", "AAECAwQFBgcICQoLDA0ODw",
                Colour.GREEN, "620102", NOW, NOW.plusSeconds(60)), key);

        // when / then: on every path in, with the problem type the hub answers with
        assertRefused(ProblemType.NOT_A_VENUE_CODE, personal, NOW);
        assertEquals(ProblemType.NOT_A_VENUE_CODE, assertThrows(JoseException.class, () -> codec.parse(personal))
                .type());
    }

    @Test
    void venueCodeShownAsADynamicCodeIsNotADynamicCode() {
        // given a well-signed venue code
        String venue = codec.encode(claims(NOW, NOW.plusSeconds(3600)), key);

        // when / then
        assertEquals(ProblemType.NOT_A_DYNAMIC_CODE,
                assertThrows(JoseException.class, () -> dynamic.verify(venue, keys, NOW)).type());
        assertEquals(ProblemType.NOT_A_DYNAMIC_CODE,
                assertThrows(JoseException.class, () -> dynamic.parse(venue)).type());
    }

    @Test
    void tokenOfAThirdTypeIsTheWrongType() {
        String token = JwsSigner.sign(key, "at+jwt", json(claims(NOW, NOW.plusSeconds(3600)).toJson()));

        assertRefused(ProblemType.CODE_WRONG_TYPE, token, NOW);
        assertEquals(ProblemType.CODE_WRONG_TYPE, assertThrows(JoseException.class, () -> codec.parse(token)).type());
    }

    @Test
    void unsignedVenueCodeIsNotAllowed() {
        String header = "{\"typ\":\"ymt-venue+jwt\",\"alg\":\"none\",\"kid\":\"" + key.kid() + "\"}";
        String code = b64(header) + "." + Base64Url.encode(json(claims(NOW, NOW.plusSeconds(60)).toJson())) + ".";

        assertRefused(ProblemType.ALGORITHM_NOT_ALLOWED, code, NOW);
    }

    @Test
    void venueCodeWithoutKidIsMalformedAndWithAnUnpublishedKeyUnknown() {
        String header = "{\"typ\":\"ymt-venue+jwt\",\"alg\":\"SM2\"}";
        String input = b64(header) + "." + Base64Url.encode(json(claims(NOW, NOW.plusSeconds(60)).toJson()));
        String noKid = input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));

        assertRefused(ProblemType.CODE_MALFORMED, noKid, NOW);
        assertRefused(ProblemType.UNKNOWN_KEY,
                codec.encode(claims(NOW, NOW.plusSeconds(60)), Jwk.generate(SignatureProfile.SM2)), NOW);
    }

    @Test
    void renamedVenueIsAnInvalidSignature() {
        String code = codec.encode(claims(NOW, NOW.plusSeconds(3600)), key);
        ObjectNode renamed = claims(NOW, NOW.plusSeconds(3600)).toJson().put("nam", "别处");
        String[] parts = code.split("\\.");

        assertRefused(ProblemType.SIGNATURE_INVALID, parts[0] + "." + Base64Url.encode(json(renamed)) + "."
                + parts[2], NOW);
    }

    @Test
    void duplicateClaimIsMalformedSoNoTwoReadersSeeTwoVenues() {
        String payload = "{\"iss\":\"ymt:member:620000\",\"vid\":\"a\",\"vid\":\"b\",\"rgn\":\"620105\","
                + "\"knd\":\"SHOP\",\"nam\":\"x\",\"iat\":1795766400,\"exp\":1795770000}";
        String code = JwsSigner.sign(key, VenueCodeCodec.TYP, payload.getBytes(StandardCharsets.UTF_8));

        assertRefused(ProblemType.CODE_MALFORMED, code, NOW);
    }

    @Test
    void codeLongerThanTheContractAllowsIsMalformedBeforeAnyParsing() {
        String huge = "a".repeat(VenueCodeCodec.MAX_LENGTH) + ".b.c";

        assertRefused(ProblemType.CODE_MALFORMED, huge, NOW);
        assertEquals(ProblemType.CODE_MALFORMED, assertThrows(JoseException.class, () -> dynamic.parse(huge)).type());
    }

    @Test
    void badClaimsAreMalformedWithOneFieldErrorEachAtItsPointer() {
        // given a well-signed code with a hub as issuer, a spaced vid, a 4-digit region, an unknown kind, an ID
        // number in the name and a fractional iat
        ObjectNode bad = claims(NOW, NOW.plusSeconds(3600)).toJson()
                .put("iss", "ymt:platform:620000").put("vid", "west gate").put("rgn", "6201").put("knd", "BAR")
                .put("nam", "门牌 62010219900307123X").put("iat", 1795766400.5);
        String code = JwsSigner.sign(key, VenueCodeCodec.TYP, json(bad));

        // when
        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, NOW));

        // then
        assertEquals(ProblemType.CODE_MALFORMED, e.type());
        assertEquals(List.of("/iat", "/iss", "/knd", "/nam", "/rgn", "/vid"),
                e.errors().stream().map(FieldError::pointer).sorted().toList());
    }

    @Test
    void missingNameAndExpiryAreMalformed() {
        ObjectNode bad = claims(NOW, NOW.plusSeconds(3600)).toJson();
        bad.remove("nam");
        bad.remove("exp");
        String code = JwsSigner.sign(key, VenueCodeCodec.TYP, json(bad));

        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, NOW));

        assertEquals(List.of("/exp", "/nam"), e.errors().stream().map(FieldError::pointer).sorted().toList());
    }

    @Test
    void nameOfAHundredCharactersIsKeptAndOfAHundredAndOneRefused() {
        VenueClaims longest = new VenueClaims("ymt:member:620000", "v1", "620105", VenueKind.OTHER, "场".repeat(100),
                NOW, NOW.plusSeconds(60));
        VenueClaims tooLong = new VenueClaims("ymt:member:620000", "v1", "620105", VenueKind.OTHER, "场".repeat(101),
                NOW, NOW.plusSeconds(60));

        assertEquals(longest, codec.verify(codec.encode(longest, key), keys, NOW));
        assertEquals(List.of("/nam"), tooLong.validate().stream().map(FieldError::pointer).toList());
    }

    @Test
    void venueCodeOfAYearIsMadeAndOfAYearAndASecondRefusedOnBothSides() {
        VenueClaims tooLong = claims(NOW, NOW.plus(Duration.ofDays(365)).plusSeconds(1));
        String code = JwsSigner.sign(key, VenueCodeCodec.TYP, json(tooLong.toJson()));

        assertRefused(ProblemType.CODE_LIFETIME_TOO_LONG, code, NOW);
        ProblemException e = assertThrows(ProblemException.class, () -> codec.encode(tooLong, key));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals("/exp", e.errors().get(0).pointer());
    }

    @Test
    void venueCodeIsValidUpToExpiryPlusSkewAndExpiredOneSecondLater() {
        Instant exp = NOW.plus(Duration.ofDays(30));
        String code = codec.encode(claims(NOW, exp), key);

        assertEquals("lz-west-station-e1", codec.verify(code, keys, exp.plusSeconds(30)).vid());
        assertRefused(ProblemType.CODE_EXPIRED, code, exp.plusSeconds(31));
    }

    @Test
    void venueCodeIssuedBeyondSkewInTheFutureIsNotYetValid() {
        String code = codec.encode(claims(NOW, NOW.plusSeconds(3600)), key);

        assertEquals("620105", codec.verify(code, keys, NOW.minusSeconds(30)).rgn());
        assertRefused(ProblemType.CODE_NOT_YET_VALID, code, NOW.minusSeconds(31));
    }

    private void assertRefused(ProblemType expected, String code, Instant now) {
        JoseException e = assertThrows(JoseException.class, () -> codec.verify(code, keys, now));
        assertEquals(expected, e.type(), e.getMessage());
    }

    private static VenueClaims claims(Instant iat, Instant exp) {
        return new VenueClaims("ymt:member:620000", "lz-west-station-e1", "620105", VenueKind.STATION, "兰州西站 东进站口",
                iat, exp);
    }

    private static byte[] json(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.ObjectNode;

class JwkTest {

    /** RFC 8037 Appendix A.1: the Ed25519 example key. */
    private static final String RFC8037_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void publicJwkRoundTripsAndStillVerifies(SignatureProfile profile) {
        // given a fresh key and a signature made with it
        Jwk key = Jwk.generate(profile);
        byte[] data = "payload".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(data);

        // when the public JWK is exported and imported
        ObjectNode json = key.toJson();
        Jwk imported = Jwk.parse(json.toString());

        // then
        assertEquals(profile.isEc() ? "EC" : "OKP", json.get("kty").asText());
        assertEquals(profile.curveName(), json.get("crv").asText());
        assertEquals(profile.joseName(), json.get("alg").asText());
        assertEquals("sig", json.get("use").asText());
        assertEquals(43, json.get("x").asText().length());
        assertEquals(profile.isEc(), json.has("y"));
        assertFalse(json.has("d"));
        assertFalse(imported.hasPrivateKey());
        assertEquals(key.kid(), imported.kid());
        assertTrue(imported.verify(data, signature));
    }

    @Test
    void expiryIsWrittenAsNumericDateAndReadBack() {
        // given a key that stops verifying at a whole second
        Instant exp = Instant.parse("2027-01-01T00:00:00Z");
        Jwk key = Jwk.generate(SignatureProfile.SM2).withExpiry(exp);

        // when
        ObjectNode json = key.toJson();
        Jwk back = Jwk.parse(json.toString());

        // then
        assertEquals(exp.getEpochSecond(), json.get("exp").longValue());
        assertEquals(Optional.of(exp), back.expiresAt());
        assertEquals(key.publicOnly(), back);
        assertFalse(back.isExpiredAt(exp));
        assertTrue(back.isExpiredAt(exp.plusSeconds(1)));
        assertFalse(Jwk.generate(SignatureProfile.SM2).toJson().has("exp"));
    }

    @Test
    void expiryThatIsNotANumericDateIsRefused() {
        ObjectNode json = Jwk.generate(SignatureProfile.ES256).toJson();
        json.put("exp", "tomorrow");

        ProblemException e = assertThrows(ProblemException.class, () -> Jwk.parse(json));

        assertEquals("/exp", e.errors().get(0).pointer());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void privateJwkRoundTripsAndStillSigns(SignatureProfile profile) {
        // given
        Jwk key = Jwk.generate(profile);

        // when
        Jwk imported = Jwk.parse(key.toPrivateJson());
        byte[] signature = imported.sign(new byte[]{ 1, 2, 3 });

        // then
        assertTrue(imported.hasPrivateKey());
        assertTrue(key.verify(new byte[]{ 1, 2, 3 }, signature));
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void kidDefaultsToTheThumbprintAndAnExplicitKidIsKept(SignatureProfile profile) {
        // given a JWK without kid
        Jwk key = Jwk.generate(profile);
        ObjectNode json = key.toJson();
        json.remove("kid");

        // when / then
        assertEquals(key.thumbprint(), Jwk.parse(json).kid());
        json.put("kid", "2026-11");
        assertEquals("2026-11", Jwk.parse(json).kid());
        assertEquals(key.thumbprint(), Jwk.parse(json).thumbprint());
    }

    @Test
    void thumbprintOfTheRfc8037KeyIsTheRfcValue() {
        // when
        Jwk key = Jwk.parse(RFC8037_JWK);

        // then (RFC 8037 Appendix A.3)
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", key.thumbprint());
    }

    @Test
    void rfc8037ExampleSignatureIsReproducedByteForByte() {
        // given RFC 8037 Appendix A.4: header {"alg":"EdDSA"}, payload "Example of Ed25519 signing"
        Jwk key = Jwk.parse(RFC8037_JWK);
        byte[] input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".getBytes(StandardCharsets.US_ASCII);

        // when
        String signature = Base64Url.encode(key.sign(input));

        // then
        assertEquals("hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg",
                signature);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureProfile.class, names = { "SM2", "ES256" })
    void ecPointOffTheCurveIsRefused(SignatureProfile profile) {
        // given a valid JWK whose y is altered in its last byte
        ObjectNode json = Jwk.generate(profile).toJson();
        byte[] y = Base64Url.decode(json.get("y").asText());
        y[31] ^= 1;
        json.put("y", Base64Url.encode(y));

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> Jwk.parse(json));

        // then
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals("/x", e.errors().get(0).pointer());
    }

    @Test
    void ed25519NonCanonicalPointIsRefused() {
        // given x = 0xff..ff: the y coordinate is not reduced modulo p
        byte[] x = new byte[32];
        Arrays.fill(x, (byte) 0xff);
        String json = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(x) + "\"}";

        // when / then
        ProblemException e = assertThrows(ProblemException.class, () -> Jwk.parse(json));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void privatePartOfAnotherKeyIsRefused(SignatureProfile profile) {
        // given the public part of one key with the d of another
        ObjectNode json = Jwk.generate(profile).toJson();
        json.set("d", Jwk.generate(profile).toPrivateJson().get("d"));

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> Jwk.parse(json));

        // then
        assertEquals("/d", e.errors().get(0).pointer());
    }

    @Test
    void algThatDoesNotFitTheCurveIsRefused() {
        // given an SM2 key claiming ES256
        ObjectNode json = Jwk.generate(SignatureProfile.SM2).toJson();
        json.put("alg", "ES256");

        // when / then
        ProblemException e = assertThrows(ProblemException.class, () -> Jwk.parse(json));
        assertEquals("/alg", e.errors().get(0).pointer());
    }

    @Test
    void shortCoordinatesAndUnsupportedCurvesAreRefusedWithFieldErrors() {
        // given
        String shortX = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AQID\",\"y\":\"AQID\"}";
        String rsa = "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}";
        String p384 = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AQID\",\"y\":\"AQID\"}";

        // when / then
        ProblemException shortError = assertThrows(ProblemException.class, () -> Jwk.parse(shortX));
        assertEquals(2, shortError.errors().size());
        assertEquals("/crv", assertThrows(ProblemException.class, () -> Jwk.parse(rsa)).errors().get(0).pointer());
        assertEquals("/crv", assertThrows(ProblemException.class, () -> Jwk.parse(p384)).errors().get(0).pointer());
        assertEquals(ProblemType.VALIDATION_FAILED,
                assertThrows(ProblemException.class, () -> Jwk.parse("{not json")).type());
    }

    @Test
    void toStringAndJacksonNeverShowThePrivatePart() throws Exception {
        // given
        Jwk key = Jwk.generate(SignatureProfile.SM2);

        // when
        String viaJackson = StrictJson.mapper().writeValueAsString(key);

        // then
        assertFalse(viaJackson.contains("\"d\""));
        assertFalse(key.toString().contains("\"d\""));
        assertTrue(key.toPrivateJson().has("d"));
    }

    @Test
    void publicOnlyDropsThePrivatePartAndKeepsTheKid() {
        // given
        Jwk key = Jwk.generate(SignatureProfile.EDDSA).withKid("k1");

        // when
        Jwk pub = key.publicOnly();

        // then
        assertFalse(pub.hasPrivateKey());
        assertEquals("k1", pub.kid());
        assertThrows(IllegalStateException.class, () -> pub.sign(new byte[1]));
        assertArrayEquals(KeyPem.publicKeyDer(key), KeyPem.publicKeyDer(pub));
    }
}

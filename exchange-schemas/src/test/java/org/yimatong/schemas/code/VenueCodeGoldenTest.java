package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.code.GoldenKeys.golden;
import static org.yimatong.schemas.code.GoldenKeys.signingInput;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.VenueKind;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;

/**
 * Pins the v1 venue code format byte for byte (DESIGN.md §5a): header member order, claim order, NumericDates, the
 * kid (RFC 7638 thumbprint) and, for ES256 (RFC 6979 nonces), the signature. SM2 signatures are randomised, so its
 * golden code pins the signing input and must keep verifying. A venue's poster lives a year: a change here strands
 * every poster already printed. Version it.
 */
class VenueCodeGoldenTest {

    private static final Instant IAT = Instant.parse("2026-11-27T08:00:00Z");
    private static final VenueClaims CLAIMS = new VenueClaims("ymt:member:620000", "lz-west-station-e1", "620105",
            VenueKind.STATION, "兰州西站 东进站口", IAT, IAT.plus(VenueCodeCodec.MAX_LIFETIME));

    private final VenueCodeCodec codec = new VenueCodeCodec(Clock.fixed(IAT, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));

    @Test
    void fixedEs256VenueCodeEqualsTheGoldenString() throws IOException {
        assertEquals(golden("venue-code-v1-es256.jws"), codec.encode(CLAIMS, GoldenKeys.P256));
    }

    @Test
    void fixedEd25519VenueCodeEqualsTheGoldenString() throws IOException {
        assertEquals(golden("venue-code-v1-eddsa.jws"), codec.encode(CLAIMS, GoldenKeys.ED25519));
    }

    @Test
    void fixedSm2VenueCodeSignsTheGoldenInput() throws IOException {
        assertEquals(signingInput(golden("venue-code-v1-sm2.jws")),
                signingInput(codec.encode(CLAIMS, GoldenKeys.SM2)));
    }

    @Test
    void everyGoldenVenueCodeVerifiesToTheFixedClaimsWithItsPublicKey() throws IOException {
        assertEquals(CLAIMS, codec.verify(golden("venue-code-v1-es256.jws"),
                new JwkSet(List.of(GoldenKeys.P256.publicOnly()))));
        assertEquals(CLAIMS, codec.verify(golden("venue-code-v1-eddsa.jws"),
                new JwkSet(List.of(GoldenKeys.ED25519.publicOnly()))));
        assertEquals(CLAIMS, codec.verify(golden("venue-code-v1-sm2.jws"),
                new JwkSet(List.of(GoldenKeys.SM2.publicOnly()))));
    }

    @Test
    void goldenEs256VenueCodeVerifiesWithAnIndependentJoseLibrary() throws Exception {
        // given Nimbus, which shares no code with ours, and the RFC 7515 A.3 public key
        JWSObject jws = JWSObject.parse(golden("venue-code-v1-es256.jws"));
        ECKey publicKey = ECKey.parse("{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");

        // when / then
        assertTrue(jws.verify(new ECDSAVerifier(publicKey)));
        assertEquals(new JOSEObjectType(VenueCodeCodec.TYP), jws.getHeader().getType());
        assertEquals(GoldenKeys.P256.kid(), jws.getHeader().getKeyID());
        assertEquals("兰州西站 东进站口", jws.getPayload().toJSONObject().get("nam"));
    }

    @Test
    void goldenVenueCodeStillVerifiesOnTheLastDayOfItsYear() throws IOException {
        assertEquals(CLAIMS, codec.verify(golden("venue-code-v1-sm2.jws"),
                new JwkSet(List.of(GoldenKeys.SM2.publicOnly())), IAT.plus(VenueCodeCodec.MAX_LIFETIME)));
    }
}

package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimatong.schemas.code.GoldenKeys.golden;
import static org.yimatong.schemas.code.GoldenKeys.signingInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

/**
 * Pins the v1 code format byte for byte: header member order, claim order, NumericDates, the kid
 * (RFC 7638 thumbprint) and the signature. Ed25519 signatures are deterministic, so a fixed key (RFC 8037's
 * example) and fixed claims give one string. A change here breaks every member's verifier: version it.
 */
class DynamicCodeGoldenTest {

    private static final Instant IAT = Instant.parse("2026-11-27T08:00:00Z");
    private static final CodeClaims CLAIMS = new CodeClaims("ymt:member:310000", "p-7f3c9a",
            "AAECAwQFBgcICQoLDA0ODw", Colour.GREEN, "310101", IAT, IAT.plusSeconds(60));

    /** A relative's code (REQ-CODE-4): the dependant's own claims plus the holder's pseudonym, {@code hld}. */
    private static final CodeClaims DEPENDANT = new CodeClaims("ymt:member:620000", "p-child-41d2",
            "EBESExQVFhcYGRobHB0eHw", Colour.GREEN, "620102", IAT, IAT.plusSeconds(60), "p-guardian-9a07");

    private final DynamicCodeCodec codec = new DynamicCodeCodec(Clock.fixed(IAT, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));

    @Test
    void fixedEd25519CodeEqualsTheGoldenString() throws IOException {
        // when
        String code = codec.encode(CLAIMS, GoldenKeys.ED25519);

        // then
        assertEquals(golden("dynamic-code-v1-eddsa.jws"), code);
    }

    @Test
    void goldenStringVerifiesToTheFixedClaims() throws IOException {
        // when
        CodeClaims claims = codec.verify(golden("dynamic-code-v1-eddsa.jws"),
                new JwkSet(List.of(GoldenKeys.ED25519.publicOnly())));

        // then
        assertEquals(CLAIMS, claims);
    }

    @Test
    void fixedEd25519DependantCodeEqualsTheGoldenString() throws IOException {
        assertEquals(golden("dynamic-code-v1-dependant-eddsa.jws"), codec.encode(DEPENDANT, GoldenKeys.ED25519));
    }

    @Test
    void fixedEs256DependantCodeEqualsTheGoldenString() throws IOException {
        assertEquals(golden("dynamic-code-v1-dependant-es256.jws"), codec.encode(DEPENDANT, GoldenKeys.P256));
    }

    @Test
    void fixedSm2DependantCodeSignsTheGoldenInput() throws IOException {
        assertEquals(signingInput(golden("dynamic-code-v1-dependant-sm2.jws")),
                signingInput(codec.encode(DEPENDANT, GoldenKeys.SM2)));
    }

    static Stream<Arguments> dependantGoldens() {
        return Stream.of(Arguments.of("dynamic-code-v1-dependant-eddsa.jws", GoldenKeys.ED25519),
                Arguments.of("dynamic-code-v1-dependant-es256.jws", GoldenKeys.P256),
                Arguments.of("dynamic-code-v1-dependant-sm2.jws", GoldenKeys.SM2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dependantGoldens")
    void goldenDependantCodeVerifiesToTheClaimsWithTheHolder(String file, Jwk key) throws IOException {
        // when
        CodeClaims claims = codec.verify(golden(file), new JwkSet(List.of(key.publicOnly())));

        // then
        assertEquals(DEPENDANT, claims);
        assertEquals("p-guardian-9a07", claims.hld());
    }

    @Test
    void ownCodeCarriesNoHolderClaimAtAll() throws IOException {
        String payload = golden("dynamic-code-v1-eddsa.jws").split("\\.")[1];
        assertFalse(new String(Base64Url.decode(payload), StandardCharsets.UTF_8).contains("hld"));
    }
}

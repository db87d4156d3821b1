package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
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

    private static final Jwk RFC8037_KEY = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    private static final Instant IAT = Instant.parse("2026-11-27T08:00:00Z");
    private static final CodeClaims CLAIMS = new CodeClaims("ymt:member:310000", "p-7f3c9a",
            "AAECAwQFBgcICQoLDA0ODw", Colour.GREEN, "310101", IAT, IAT.plusSeconds(60));

    private final DynamicCodeCodec codec = new DynamicCodeCodec(Clock.fixed(IAT, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));

    @Test
    void fixedEd25519CodeEqualsTheGoldenString() throws IOException {
        // when
        String code = codec.encode(CLAIMS, RFC8037_KEY);

        // then
        assertEquals(golden("dynamic-code-v1-eddsa.jws"), code);
    }

    @Test
    void goldenStringVerifiesToTheFixedClaims() throws IOException {
        // when
        CodeClaims claims = codec.verify(golden("dynamic-code-v1-eddsa.jws"),
                new JwkSet(List.of(RFC8037_KEY.publicOnly())));

        // then
        assertEquals(CLAIMS, claims);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = DynamicCodeGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}

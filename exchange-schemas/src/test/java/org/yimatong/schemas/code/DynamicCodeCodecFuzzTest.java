package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A dynamic code is the most exposed input of the federation: anyone can show a checkpoint any string. Whatever the
 * string, {@link DynamicCodeCodec} answers with claims or a {@link JoseException} of one of its documented types,
 * never a raw library exception, and quickly. Inputs come from a fixed seed (see {@link Fuzz}).
 */
class DynamicCodeCodecFuzzTest {

    // RFC 8037's Ed25519 key: deterministic signatures, so the seeded inputs are the same on every run
    private static final Jwk KEY = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    private static final JwkSet KEYS = new JwkSet(List.of(KEY.publicOnly()));
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Set<ProblemType> PARSE_REFUSALS = EnumSet.of(ProblemType.CODE_MALFORMED,
            ProblemType.CODE_WRONG_TYPE, ProblemType.NOT_A_DYNAMIC_CODE);

    private final DynamicCodeCodec codec = new DynamicCodeCodec(Clock.fixed(NOW, ZoneOffset.UTC),
            DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));

    @Test
    void anyStringIsParsedOrRefusedAsMalformed() {
        forAll(0x5eed_c0de_0001L, 3000, r -> Fuzz.anyString(r, 400), this::parsedOrRefused);
    }

    @Test
    void anyThreeBase64urlPartsAreParsedOrRefusedAsMalformed() {
        forAll(0x5eed_c0de_0002L, 2000, r -> Fuzz.base64urlish(r, 60) + "." + Fuzz.base64urlish(r, 60) + "."
                + Fuzz.base64urlish(r, 90), this::parsedOrRefused);
    }

    @Test
    void aValidCodeWithAFewCharactersChangedIsParsedOrRefused() {
        forAll(0x5eed_c0de_0003L, 3000, r -> Fuzz.mutate(r, validCode(r), Fuzz.JSON_TOKENS), code -> {
            parsedOrRefused(code);
            verifiedOrRefused(code);
        });
    }

    @Test
    void aCodeWithMangledHeaderOrClaimsJsonIsParsedOrRefused() {
        // the JSON inside the base64url parts is where the structure is: mutate it there, then re-encode
        forAll(0x5eed_c0de_0004L, 3000, r -> {
            String[] parts = validCode(r).split("\\.");
            int part = r.nextInt(2);
            String json = new String(Base64Url.decode(parts[part]), StandardCharsets.UTF_8);
            parts[part] = Base64Url.encode(Fuzz.mutate(r, json, Fuzz.JSON_TOKENS).getBytes(StandardCharsets.UTF_8));
            return String.join(".", parts);
        }, code -> {
            parsedOrRefused(code);
            verifiedOrRefused(code);
        });
    }

    @Test
    void claimsOfAnyJsonTypeAreParsedOrRefused() {
        forAll(0x5eed_c0de_0005L, 2000, r -> {
            String payload = r.nextBoolean() ? Fuzz.jsonish(r, 120)
                    : "{\"iss\":" + value(r) + ",\"sub\":" + value(r) + ",\"jti\":" + value(r) + ",\"col\":" + value(r)
                            + ",\"rgn\":" + value(r) + ",\"iat\":" + value(r) + ",\"exp\":" + value(r) + "}";
            return sign(payload);
        }, code -> {
            parsedOrRefused(code);
            verifiedOrRefused(code);
        });
    }

    @Test
    void deeplyNestedClaimsAreRefusedNotOverflowingTheStack() {
        forAll(0x5eed_c0de_0006L, 20, r -> sign(Fuzz.nested("{\"iss\":", "1", "}", 1 + r.nextInt(200_000))),
                code -> assertEquals(ProblemType.CODE_MALFORMED,
                        refusal(JoseException.class, () -> codec.parse(code)).type()));
    }

    @Test
    void everyValidCodeRoundTrips() {
        forAll(0x5eed_c0de_0007L, 1000, DynamicCodeCodecFuzzTest::validClaims, claims -> {
            String code = codec.encode(claims, KEY);
            assertEquals(claims, codec.decode(code));
            assertEquals(claims, codec.verify(code, KEYS, claims.iat()));
        });
    }

    private void parsedOrRefused(String code) {
        JoseException refused = refusal(JoseException.class, () -> codec.parse(code));
        if (refused != null) {
            assertTrue(PARSE_REFUSALS.contains(refused.type()), () -> "parse refused with " + refused.type());
        }
    }

    private void verifiedOrRefused(String code) {
        refusal(JoseException.class, () -> codec.verify(code, KEYS, NOW));
    }

    private static String value(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> Fuzz.pick(r, Fuzz.JSON_TOKENS);
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "\"" + Fuzz.pick(r, List.of("G", "Y", "R", "310101", "AAECAwQFBgcICQoLDA0ODw", "")) + "\"";
            case 3 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(40)));
            case 4 -> "[" + Long.toString(r.nextLong()) + "]";
            default -> "\"" + Fuzz.anyString(r, 20).replace("\\", "").replace("\"", "") + "\"";
        };
    }

    private static String sign(String payload) {
        return JwsSigner.sign(KEY, DynamicCodeCodec.TYP,
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private String validCode(SplittableRandom r) {
        return codec.encode(validClaims(r), KEY);
    }

    static CodeClaims validClaims(SplittableRandom r) {
        byte[] jti = new byte[16];
        r.nextBytes(jti);
        Instant iat = NOW.plusSeconds(r.nextLong(-10_000_000_000L, 10_000_000_000L));
        return new CodeClaims("ymt:member:" + (110000 + r.nextInt(700_000)), text(r), Base64Url.encode(jti),
                Colour.values()[r.nextInt(Colour.values().length)], String.format("%06d", r.nextInt(1_000_000)), iat,
                iat.plusSeconds(r.nextInt(61)));
    }

    /** A subject id as an issuer may choose it: any non-blank text within the 256 characters allowed. */
    private static String text(SplittableRandom r) {
        String s = Fuzz.anyString(r, 200).replaceAll("[\\ud800-\\udfff]", "");
        return s.isBlank() ? "p-" + r.nextInt(1000) : s;
    }
}

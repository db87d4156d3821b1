package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Every signed object of the federation (codes, assertions, batch signatures, entity statements) is first taken
 * apart by {@link ParsedJws} before any key is known, so whatever arrives it gives parts or a {@code CODE_MALFORMED}
 * {@link JoseException}, and {@link JwsVerifier} after it only {@link JoseException}s. Inputs come from a fixed seed
 * (see {@link Fuzz}).
 */
class ParsedJwsFuzzTest {

    // RFC 8037's Ed25519 key: deterministic signatures, so the seeded inputs are the same on every run
    private static final Jwk KEY = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    private static final JwkSet KEYS = new JwkSet(List.of(KEY.publicOnly()));

    private final JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), null);

    @Test
    void anyStringIsTakenApartOrRefusedAsMalformed() {
        forAll(0x5eed_0a05_0001L, 3000, r -> Fuzz.anyString(r, 300), jws -> {
            takenApartOrMalformed(jws);
            refusal(JoseException.class, () -> ParsedJws.parseDetached(jws, new byte[]{ 1, 2 }));
        });
    }

    @Test
    void anyHeaderJsonIsTakenApartOrRefusedAndThenVerifiedOrRefused() {
        forAll(0x5eed_0a05_0002L, 3000, r -> {
            String header = r.nextBoolean() ? Fuzz.jsonish(r, 80)
                    : Fuzz.mutate(r, "{\"typ\":\"JWT\",\"alg\":\"EdDSA\",\"kid\":\"" + KEY.kid() + "\"}",
                            Fuzz.JSON_TOKENS);
            return Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + Fuzz.base64urlish(r, 20) + "."
                    + Fuzz.base64urlish(r, 90);
        }, jws -> {
            ParsedJws parsed = takenApartOrMalformed(jws);
            if (parsed != null) {
                parsed.header().typIs("JWT");
                refusal(JoseException.class, () -> verifier.verify(parsed, KEYS));
            }
        });
    }

    @Test
    void aValidJwsWithAFewCharactersChangedIsVerifiedOrRefused() {
        forAll(0x5eed_0a05_0003L, 3000, r -> Fuzz.mutate(r, JwsSigner.sign(KEY, "JWT", Fuzz.anyBytes(r, 60)),
                List.of(".", "=", "+", "/", "..")), jws -> {
                    takenApartOrMalformed(jws);
                    refusal(JoseException.class, () -> verifier.verify(jws, KEYS));
                });
    }

    @Test
    void deeplyNestedHeadersAreRefusedNotOverflowingTheStack() {
        forAll(0x5eed_0a05_0004L, 20, r -> Base64Url.encode(Fuzz.nested("[", "1", "]", 1 + r.nextInt(300_000))
                .getBytes(StandardCharsets.UTF_8)) + ".e30.", jws -> takenApartOrMalformed(jws));
    }

    @Test
    void anyPayloadRoundTripsCompactAndDetached() {
        forAll(0x5eed_0a05_0005L, 1000, r -> Fuzz.anyBytes(r, 300), payload -> {
            assertArrayEquals(payload, verifier.verify(JwsSigner.sign(KEY, "JWT", payload), KEYS).payload());
            assertArrayEquals(payload,
                    verifier.verifyDetached(JwsSigner.signDetached(KEY, "JWT", payload), payload, KEYS).payload());
        });
    }

    @Test
    void base64urlDecodesOnlyItsOneSpellingOfEachByteString() {
        forAll(0x5eed_0a05_0006L, 3000, r -> Fuzz.base64urlish(r, 12), text -> {
            byte[] bytes;
            try {
                bytes = Base64Url.decode(text);
            } catch (IllegalArgumentException refused) {
                return;
            }
            assertEquals(text, Base64Url.encode(bytes), "two spellings of one byte string");
        });
    }

    @Test
    void aSignatureSpelledWithNonZeroTrailingBitsIsRefused() {
        // found by base64urlDecodesOnlyItsOneSpellingOfEachByteString: the JDK decoder ignores the unused low
        // bits of the last character, so one signature had four spellings, i.e. four different codes
        String jws = JwsSigner.sign(KEY, "JWT", new byte[]{ 1 });
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(jws.charAt(jws.length() - 1));
        String respelled = jws.substring(0, jws.length() - 1) + alphabet.charAt(last ^ 1);

        JoseException e = assertThrows(JoseException.class, () -> ParsedJws.parseCompact(respelled));

        assertEquals(ProblemType.CODE_MALFORMED, e.type());
    }

    private static ParsedJws takenApartOrMalformed(String jws) {
        ParsedJws[] parsed = new ParsedJws[1];
        JoseException refused = refusal(JoseException.class, () -> parsed[0] = ParsedJws.parseCompact(jws));
        if (refused != null) {
            assertEquals(ProblemType.CODE_MALFORMED, refused.type());
        }
        return parsed[0];
    }
}

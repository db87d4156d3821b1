package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.jose.ClientAssertion.Claims;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Every call between nodes carries a client assertion, and its claims are read before the caller is known. Whatever
 * they hold, {@link Claims#read} and {@link Claims#check} give claims or an {@code INVALID_CLIENT_ASSERTION}
 * {@link ProblemException}, never a raw library exception. Inputs come from a fixed seed (see {@link Fuzz}).
 */
class ClientAssertionFuzzTest {

    // RFC 8037's Ed25519 key: deterministic signatures, so the seeded inputs are the same on every run
    private static final Jwk KEY = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String MEMBER = "ymt:member:310000";
    private static final String HUB = "ymt:hub:yrd";
    private static final String VALID = "{\"iss\":\"" + MEMBER + "\",\"sub\":\"" + MEMBER + "\",\"aud\":\"" + HUB
            + "\",\"jti\":\"AAECAwQFBgcICQoLDA0ODw\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
            + NOW.plusSeconds(60).getEpochSecond() + "}";
    private static final List<String> CLAIM_VALUES = List.of("\"" + MEMBER + "\"", "\"" + HUB + "\"", "[\"" + HUB
            + "\",1,null,{}]", "\"\"", "\" \"", "null", "true", "{}", "[]", Long.toString(NOW.getEpochSecond()),
            "9223372036854775807", "-9223372036854775808", "31556889864403199", "-31557014167219200",
            "31556889864403200", "1e300", "1.5", "-0.0", "\"AAECAwQFBgcICQoLDA0ODw\"", "\"jti with space\"");

    private final JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT");

    @Test
    void anyPayloadIsReadOrRefused() {
        forAll(0x5eed_a55e_0001L, 3000, r -> r.nextBoolean() ? Fuzz.anyBytes(r, 200)
                : Fuzz.jsonish(r, 200).getBytes(StandardCharsets.UTF_8),
                ClientAssertionFuzzTest::readAndCheckedOrRefused);
    }

    @Test
    void aValidPayloadWithAFewCharactersChangedIsReadOrRefused() {
        forAll(0x5eed_a55e_0002L, 3000, r -> Fuzz.mutate(r, VALID, Fuzz.JSON_TOKENS).getBytes(StandardCharsets.UTF_8),
                ClientAssertionFuzzTest::readAndCheckedOrRefused);
    }

    @Test
    void claimsOfAnyJsonValueAreReadOrRefused() {
        forAll(0x5eed_a55e_0003L, 3000, r -> ("{\"iss\":" + claim(r) + ",\"sub\":" + claim(r) + ",\"aud\":" + claim(r)
                + ",\"jti\":" + claim(r) + ",\"iat\":" + claim(r) + ",\"exp\":" + claim(r) + "}")
                .getBytes(StandardCharsets.UTF_8), ClientAssertionFuzzTest::readAndCheckedOrRefused);
    }

    @Test
    void aValidAssertionWithAFewCharactersChangedIsVerifiedOrRefused() {
        forAll(0x5eed_a55e_0004L, 2000, r -> Fuzz.mutate(r, JwsSigner.sign(KEY, "JWT",
                VALID.getBytes(StandardCharsets.UTF_8)), Fuzz.JSON_TOKENS), assertion -> {
                    JwkSet keys = new JwkSet(List.of(KEY.publicOnly()));
                    refusal(JoseException.class, () -> readAndCheckedOrRefused(verifier.verify(assertion, keys)
                            .payload()));
                });
    }

    @Test
    void everySignedAssertionIsReadBackAndPassesItsChecks() {
        forAll(0x5eed_a55e_0005L, 500, r -> new String[]{ entityId(r), entityId(r),
                Long.toString(r.nextLong(-5_000_000_000L, 5_000_000_000L)) }, args -> {
                    Instant at = NOW.plusSeconds(Long.parseLong(args[2]));
                    String assertion = ClientAssertion.sign(KEY, args[0], args[1], at);
                    byte[] payload = verifier.verify(assertion, new JwkSet(List.of(KEY.publicOnly()))).payload();

                    Claims claims = Claims.read(payload).check(args[1], at, SKEW);

                    assertEquals(args[0], claims.issuer());
                    assertEquals(Set.of(args[1]), claims.audience());
                    assertEquals(at.getEpochSecond(), claims.issuedAt().getEpochSecond());
                });
    }

    @Test
    void anIatBeyondTheRangeOfInstantIsRefused() {
        // found by claimsOfAnyJsonValueAreReadOrRefused: Instant.ofEpochSecond threw DateTimeException
        byte[] payload = VALID.replace("\"iat\":" + NOW.getEpochSecond(), "\"iat\":9223372036854775807")
                .getBytes(StandardCharsets.UTF_8);

        ProblemException e = assertThrows(ProblemException.class, () -> Claims.read(payload));

        assertEquals(ProblemType.INVALID_CLIENT_ASSERTION, e.type());
    }

    @Test
    void anExpiryAtTheLastInstantIsCheckedWithoutOverflow() {
        // found by claimsOfAnyJsonValueAreReadOrRefused: expiresAt.plus(skew) overflowed Instant.MAX
        byte[] payload = ("{\"iss\":\"" + MEMBER + "\",\"sub\":\"" + MEMBER + "\",\"aud\":\"" + HUB
                + "\",\"jti\":\"j\",\"iat\":31556889864403199,\"exp\":31556889864403199}")
                .getBytes(StandardCharsets.UTF_8);
        Claims claims = Claims.read(payload);

        ProblemException e = assertThrows(ProblemException.class, () -> claims.check(HUB, NOW, SKEW));

        assertEquals("Client assertion refused: the assertion is issued in the future", e.getMessage());
    }

    private static void readAndCheckedOrRefused(byte[] payload) {
        ProblemException refused = refusal(ProblemException.class,
                () -> Claims.read(payload).check(HUB, NOW, SKEW));
        if (refused != null) {
            assertEquals(ProblemType.INVALID_CLIENT_ASSERTION, refused.type());
        }
    }

    private static String claim(SplittableRandom r) {
        return r.nextInt(4) == 0 ? Fuzz.pick(r, Fuzz.JSON_TOKENS) : Fuzz.pick(r, CLAIM_VALUES);
    }

    private static String entityId(SplittableRandom r) {
        return (r.nextBoolean() ? "ymt:hub:" : "ymt:member:") + Fuzz.base64urlish(r, 40).replace('_', '.') + "x";
    }
}

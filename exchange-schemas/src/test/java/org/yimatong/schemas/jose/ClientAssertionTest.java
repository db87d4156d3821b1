package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion.Claims;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class ClientAssertionTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String MEMBER = "ymt:member:310000";
    private static final String HUB = "ymt:hub:yrd";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void aSignedAssertionVerifiesAndNamesItsCallerAndAudience() {
        String assertion = ClientAssertion.sign(key, MEMBER, HUB, NOW);

        byte[] payload = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(assertion, new JwkSet(List.of(key.publicOnly()))).payload();
        Claims claims = Claims.read(payload).check(HUB, NOW, SKEW);

        assertEquals(MEMBER, claims.issuer());
        assertEquals(Set.of(HUB), claims.audience());
        assertEquals(NOW.plus(ClientAssertion.MAX_LIFETIME), claims.expiresAt());
    }

    @Test
    void anAssertionForAnotherNodeIsRefused() {
        refused(() -> claims(ClientAssertion.sign(key, MEMBER, "ymt:hub:other", NOW)).check(HUB, NOW, SKEW));
    }

    @Test
    void anExpiredAssertionIsRefusedOnlyBeyondTheSkew() {
        Claims claims = claims(ClientAssertion.sign(key, MEMBER, HUB, NOW));
        Instant expiry = NOW.plus(ClientAssertion.MAX_LIFETIME);

        claims.check(HUB, expiry.plus(SKEW), SKEW);
        refused(() -> claims.check(HUB, expiry.plus(SKEW).plusSeconds(1), SKEW));
    }

    @Test
    void anAssertionFromTheFutureIsRefused() {
        refused(() -> claims(ClientAssertion.sign(key, MEMBER, HUB, NOW.plusSeconds(120))).check(HUB, NOW, SKEW));
    }

    @Test
    void missingClaimsAndALongLifeAndAForeignSubjectAreRefused() {
        refused(() -> Claims.read("{\"iss\":\"a\",\"sub\":\"a\",\"aud\":\"h\",\"iat\":1}".getBytes(
                StandardCharsets.UTF_8)));
        refused(() -> Claims.read(json(MEMBER, MEMBER, 0, 600)).check(HUB, Instant.ofEpochSecond(10), SKEW));
        refused(() -> Claims.read(json(MEMBER, "ymt:member:320000", 0, 60)).check(HUB, Instant.ofEpochSecond(10),
                SKEW));
        refused(() -> Claims.read("not json".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] json(String iss, String sub, long iat, long exp) {
        return ("{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":\"%s\",\"jti\":\"j\",\"iat\":%d,\"exp\":%d}"
                .formatted(iss, sub, HUB, iat, exp)).getBytes(StandardCharsets.UTF_8);
    }

    private static Claims claims(String assertion) {
        return Claims.read(ParsedJws.parseCompact(assertion).payload());
    }

    private static void refused(Runnable check) {
        ProblemException e = assertThrows(ProblemException.class, check::run);
        assertEquals(ProblemType.INVALID_CLIENT_ASSERTION, e.type());
    }
}

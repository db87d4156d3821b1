package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.Colour;

class DynamicCodesTest {

    RunningSimulator running;

    @AfterEach
    void stop() {
        running.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "SM2", "ES256" })
    void codeFromTheHelperPathVerifiesWithThePublishedKeySet(String alg) throws Exception {
        running = RunningSimulator.start("--region", "320000", "--alg", alg);

        String code = running.get("/sim/residents/3/code").json().get("code").asText();
        JwkSet published = JwkSet.parse(running.get("/member/v1/jwks").json());
        CodeClaims claims = new DynamicCodeCodec().verify(code, published);

        assertEquals("ymt:member:320000", claims.iss());
        assertEquals("320000", claims.rgn());
        assertEquals(Colour.RED, claims.col());
        assertEquals(Duration.ofSeconds(60), Duration.between(claims.iat(), claims.exp()));
        assertEquals(running.sim.population().byNumber(3).orElseThrow().codeSubject(), claims.sub());
    }

    @Test
    void verificationAnswersTheResidentsCurrentColourLive() throws Exception {
        running = RunningSimulator.start();
        String code = running.sim.code(1);
        running.post("/sim/residents/1/colour", "{\"colour\":\"YELLOW\"}");

        RunningSimulator.Answer answer = running.post("/member/v1/verifications", RunningSimulator.verification(code));

        assertEquals(200, answer.status());
        assertEquals("YELLOW", answer.json().get("status").asText());
        assertEquals("LIVE", answer.json().get("source").asText());
        assertEquals("ymt:member:310000", answer.json().get("home").asText());
    }

    @Test
    void expiredCodeIsRefused() throws Exception {
        running = RunningSimulator.start();
        String expired = running.sim.code(1, Instant.now().minusSeconds(300));

        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                RunningSimulator.verification(expired));

        assertEquals(400, answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals("https://yimatong.org/problems/code-expired", answer.json().get("type").asText());
    }

    @Test
    void expiredCodeIsAcceptedUnderTheAcceptExpiredFault() throws Exception {
        running = RunningSimulator.start("--accept-expired");
        String expired = running.sim.code(2, Instant.now().minusSeconds(300));

        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                RunningSimulator.verification(expired));

        assertEquals(200, answer.status());
        assertEquals("YELLOW", answer.json().get("status").asText());
    }

    @Test
    void codeOfAnotherMemberIsAnUnknownIssuer() throws Exception {
        running = RunningSimulator.start("--region", "310000");
        try (RunningSimulator other = RunningSimulator.start("--region", "320000", "--admin-port", "-1")) {
            RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                    RunningSimulator.verification(other.sim.code(1)));

            assertEquals(400, answer.status());
            assertEquals("https://yimatong.org/problems/unknown-issuer", answer.json().get("type").asText());
        }
    }

    @Test
    void codeSignedWithAnotherKeyIsRefused() throws Exception {
        running = RunningSimulator.start("--seed", "7");
        try (RunningSimulator twin = RunningSimulator.start("--seed", "7", "--admin-port", "-1")) {
            RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                    RunningSimulator.verification(twin.sim.code(1)));

            assertEquals(400, answer.status());
            assertEquals("https://yimatong.org/problems/unknown-key", answer.json().get("type").asText());
        }
    }

    @Test
    void sameSeedGivesTheSameResidents() throws Exception {
        running = RunningSimulator.start("--seed", "42", "--residents", "50");
        try (RunningSimulator twin = RunningSimulator.start("--seed", "42", "--residents", "50",
                "--admin-port", "-1")) {
            for (int n = 1; n <= 50; n++) {
                Resident a = running.sim.population().byNumber(n).orElseThrow();
                Resident b = twin.sim.population().byNumber(n).orElseThrow();
                assertEquals(a.idNumber(), b.idNumber());
                assertEquals(a.colour(), b.colour());
                assertTrue(a.idNumber().value().startsWith("31"), a.toString());
            }
        }
    }
}

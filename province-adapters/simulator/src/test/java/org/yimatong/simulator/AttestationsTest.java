package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.PayloadJson;

/**
 * What the simulator attests besides the colour (REQ-PRIV-1): only what the hub named in {@code disclose}, in the
 * contract's shape, drawn from the seed relative to the simulator's clock, and the test can be aged by
 * {@code POST /sim/residents/{n}/naat}.
 */
class AttestationsTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    RunningSimulator running;

    @BeforeEach
    void start() throws Exception {
        running = RunningSimulator.start(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private RunningSimulator.Answer verify(int n, String disclose) throws Exception {
        String body = disclose == null ? RunningSimulator.verification(running.sim.code(n))
                : RunningSimulator.verification(running.sim.code(n), disclose);
        return running.post("/member/v1/verifications", body);
    }

    private static Attestations attestations(RunningSimulator.Answer answer) throws Exception {
        return PayloadJson.mapper().treeToValue(answer.json().get("attestations"), Attestations.class);
    }

    @Test
    void verificationAskingForTheTestAnswersTheTestAndNothingElse() throws Exception {
        RunningSimulator.Answer answer = verify(1, "[\"naat\"]");

        assertEquals(200, answer.status(), answer.body());
        Attestations shown = attestations(answer);
        assertEquals(List.of(Attestation.NAAT), shown.present());
        assertEquals(List.of(), shown.validate());
        assertEquals(Attestations.NaatResult.NEGATIVE, shown.naat().result());
        assertTrue(shown.naat().sampledAt().isAfter(NOW.minus(Duration.ofHours(24))), shown.naat().toString());
        assertFalse(shown.naat().sampledAt().isAfter(NOW));
        assertFalse(shown.naat().reportedAt().isAfter(NOW));
        assertTrue(shown.naat().labRegion().startsWith("31"), shown.naat().labRegion());
    }

    @Test
    void verificationWithoutDiscloseCarriesNoAttestations() throws Exception {
        RunningSimulator.Answer answer = verify(1, null);

        assertEquals(200, answer.status(), answer.body());
        assertFalse(answer.json().has("attestations"), answer.body());
    }

    @Test
    void verificationAskingForEverythingAnswersWhatThePlatformKnows() throws Exception {
        RunningSimulator.Answer answer = verify(1, "[\"serviceLinks\",\"vaccination\",\"naat\"]");

        Attestations shown = attestations(answer);
        assertEquals(running.sim.population().byNumber(1).orElseThrow().attestations(), shown);
        assertEquals(3, shown.present().size(), answer.body());
    }

    @Test
    void anUnknownAttestationNameIsRefusedNamingIt() throws Exception {
        RunningSimulator.Answer answer = verify(1, "[\"naat\",\"passport\"]");

        assertEquals(400, answer.status());
        assertEquals("https://yimatong.org/problems/validation-failed", answer.json().get("type").asText());
        assertEquals("/disclose/1", answer.json().get("errors").get(0).get("pointer").asText(), answer.body());
    }

    @Test
    void agingTheTestChangesTheAnswerAndTheRuleOnIt() throws Exception {
        CheckpointRules negativeWithin48Hours = new CheckpointRules(48, null);
        assertTrue(negativeWithin48Hours.metBy(attestations(verify(1, "[\"naat\"]")), NOW));

        RunningSimulator.Answer aged = running.post(running.adminUri("/sim/residents/1/naat"), "application/json",
                "{\"sampledHoursAgo\":72}", Map.of());

        assertEquals(200, aged.status(), aged.body());
        Attestations after = attestations(verify(1, "[\"naat\"]"));
        assertEquals(NOW.minus(Duration.ofHours(72)), after.naat().sampledAt());
        assertEquals(NOW.minus(Duration.ofHours(66)), after.naat().reportedAt());
        assertEquals(Attestations.NaatResult.NEGATIVE, after.naat().result());
        assertFalse(negativeWithin48Hours.metBy(after, NOW));
    }

    @Test
    void aPositiveResultKeepsTheSamplingTime() throws Exception {
        Instant sampled = attestations(verify(1, "[\"naat\"]")).naat().sampledAt();

        running.post(running.adminUri("/sim/residents/1/naat"), "application/json", "{\"result\":\"POSITIVE\"}",
                Map.of());

        Attestations after = attestations(verify(1, "[\"naat\"]"));
        assertEquals(Attestations.NaatResult.POSITIVE, after.naat().result());
        assertEquals(sampled, after.naat().sampledAt());
    }

    @Test
    void agingRefusesWhatItDoesNotKnow() throws Exception {
        RunningSimulator.Answer typo = running.post(running.adminUri("/sim/residents/1/naat"), "application/json",
                "{\"sampledHoursAgo\":72,\"sampledDaysAgo\":3}", Map.of());
        RunningSimulator.Answer tooOld = running.post(running.adminUri("/sim/residents/1/naat"), "application/json",
                "{\"sampledHoursAgo\":721}", Map.of());
        RunningSimulator.Answer nobody = running.post(running.adminUri("/sim/residents/31/naat"), "application/json",
                "{\"sampledHoursAgo\":1}", Map.of());

        assertEquals(400, typo.status());
        assertEquals("/sampledDaysAgo", typo.json().get("errors").get(0).get("pointer").asText());
        assertEquals(400, tooOld.status());
        assertEquals(404, nobody.status());
        assertEquals(attestations(verify(1, "[\"naat\"]")).naat(),
                running.sim.population().byNumber(1).orElseThrow().attestations().naat());
        assertTrue(attestations(verify(1, "[\"naat\"]")).naat().sampledAt().isAfter(NOW.minus(Duration.ofHours(24))));
    }

    @Test
    void theSameSeedAttestsTheSameAndMostTestsAreFreshAndNegative() {
        Population one = Population.generate("ymt:member:310000", "310000", 400, 7, NOW);
        Population two = Population.generate("ymt:member:310000", "310000", 400, 7, NOW);
        Population otherSeed = Population.generate("ymt:member:310000", "310000", 400, 8, NOW);

        int fresh = 0;
        for (Resident r : one.all()) {
            Attestations a = r.attestations();
            assertEquals(a, two.byNumber(r.number()).orElseThrow().attestations());
            assertEquals(List.of(), a.validate(), r.toString());
            if (r.colour() == Colour.RED) {
                assertEquals(Attestations.NaatResult.POSITIVE, a.naat().result(), r.toString());
            }
            if (new CheckpointRules(24, null).metBy(a, NOW)) {
                fresh++;
            }
        }
        assertTrue(fresh > 400 * 0.6 && fresh < 400 * 0.95, "fresh negative tests: " + fresh);
        assertFalse(one.all().stream().map(Resident::attestations).toList()
                .equals(otherSeed.all().stream().map(Resident::attestations).toList()));
    }
}

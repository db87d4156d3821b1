package org.yimatong.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yimatong.schemas.crypto.Base64Url;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * REQ-VER-5 and REQ-LIST-11 at the simulator: its live verification answer carries the subject's list pseudonym
 * ({@code listSub}) under the list key of the current epoch, whichever way the key comes ({@code --list-key}
 * given, {@code random}, or the hub's, fetched lazily); without a key the verification is answered anyway, without
 * {@code listSub}. Expected pseudonyms are computed here from the resident's ID number and the key the test gave.
 */
class ListKeyModesTest {

    static final byte[] HUB_KEY_A = RunningSimulator.randomKey();
    static final byte[] HUB_KEY_B = RunningSimulator.randomKey();

    @RegisterExtension
    final WireMockExtension hub = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    RunningSimulator running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private JsonNode verify(RunningSimulator simulator, int n) throws Exception {
        RunningSimulator.Answer answer = simulator.post("/member/v1/verifications",
                RunningSimulator.verification(simulator.sim.code(n)));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private void hubAnswersKey(byte[] key, Instant validUntil) {
        hub.stubFor(get(urlPathEqualTo("/v1/lists/key")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"epoch\":\"2026-11\",\"alg\":\"HMAC-SM3\",\"key\":\"" + Base64Url.encode(key)
                        + "\",\"validFrom\":\"2026-11-01T00:00:00Z\",\"validUntil\":\"" + validUntil + "\"}")));
    }

    private int keyFetches() {
        return hub.findAll(getRequestedFor(urlPathEqualTo("/v1/lists/key"))).size();
    }

    @Test
    void verificationCarriesTheResidentsPseudonymUnderTheGivenKey() throws Exception {
        running = RunningSimulator.startWithTestKey();

        for (int n = 1; n <= 6; n++) {
            JsonNode answer = verify(running, n);

            String expected = running.pseudonym(n, RunningSimulator.LIST_KEY);
            assertEquals(expected, answer.path("listSub").asText(null), "resident " + n);
            assertTrue(expected.matches("[0-9a-f]{64}"), expected);
            assertNotEquals(running.sim.population().byNumber(n).orElseThrow().codeSubject(), expected,
                    "the list pseudonym is not the code's issuer-scoped subject");
        }
    }

    @Test
    void randomKeysDifferBetweenTwoSimulatorsWithTheSameSeed() throws Exception {
        running = RunningSimulator.start("--seed", "7");
        try (RunningSimulator twin = RunningSimulator.start("--seed", "7", "--admin-port", "-1")) {
            assertEquals(SimulatorOptions.RANDOM, running.sim.options().listKey());
            assertEquals(SimulatorOptions.RANDOM, twin.sim.options().listKey());
            assertEquals(running.sim.population().byNumber(2).orElseThrow().idNumber(),
                    twin.sim.population().byNumber(2).orElseThrow().idNumber(), "same seed, same residents");

            byte[] key = running.sim.listKey();
            assertEquals(32, key.length);
            assertArrayEquals(key, running.sim.listKey(), "one key for the whole run");
            assertFalse(Arrays.equals(key, twin.sim.listKey()), "two runs drew the same key");

            String mine = verify(running, 2).get("listSub").asText();
            String theirs = verify(twin, 2).get("listSub").asText();
            assertEquals(running.pseudonym(2, key), mine);
            assertNotEquals(mine, theirs, "the same resident got the same pseudonym from two random keys");
        }
    }

    @Test
    void hubKeyIsFetchedAtFirstNeedNotAtStartAndThenKept() throws Exception {
        hubAnswersKey(HUB_KEY_A, Instant.parse("2099-12-01T00:00:00Z"));
        running = RunningSimulator.start("--hub-url", hub.baseUrl());
        assertEquals(SimulatorOptions.HUB, running.sim.options().listKey(), "hub is the default with --hub-url");
        assertEquals(0, keyFetches(), "fetched at start");

        JsonNode first = verify(running, 3);
        JsonNode second = verify(running, 2);

        assertEquals(running.pseudonym(3, HUB_KEY_A), first.get("listSub").asText());
        assertEquals(running.pseudonym(2, HUB_KEY_A), second.get("listSub").asText());
        assertEquals(1, keyFetches());
        hub.verify(getRequestedFor(urlPathEqualTo("/v1/lists/key"))
                .withHeader("Ymt-Client-Assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
    }

    @Test
    void withoutTheHubsKeyVerificationIsAnsweredWithoutListSubAndTheNextNeedFetchesAgain() throws Exception {
        hub.stubFor(get(urlPathEqualTo("/v1/lists/key")).willReturn(aResponse().withStatus(401)));
        running = RunningSimulator.start("--hub-url", hub.baseUrl());

        JsonNode without = verify(running, 3);

        assertEquals("RED", without.get("status").asText());
        assertEquals("LIVE", without.get("source").asText());
        assertFalse(without.has("listSub"), without.toString());
        assertEquals(1, keyFetches());

        hubAnswersKey(HUB_KEY_A, Instant.parse("2099-12-01T00:00:00Z"));
        JsonNode with = verify(running, 3);

        assertEquals(running.pseudonym(3, HUB_KEY_A), with.get("listSub").asText());
        assertEquals(2, keyFetches());
    }

    @Test
    void unreachableHubStillGetsAnAnswerWithoutListSub() throws Exception {
        running = RunningSimulator.start("--hub-url", "http://127.0.0.1:1");

        JsonNode answer = verify(running, 2);

        assertEquals("YELLOW", answer.get("status").asText());
        assertFalse(answer.has("listSub"), answer.toString());
    }

    @Test
    void hubKeyIsFetchedAgainWhenItsValidUntilPasses() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant endOfA = clock.instant().plus(Duration.ofHours(1));
        hubAnswersKey(HUB_KEY_A, endOfA);
        running = RunningSimulator.start(clock, "--hub-url", hub.baseUrl());

        assertEquals(running.pseudonym(1, HUB_KEY_A), verify(running, 1).get("listSub").asText());
        hubAnswersKey(HUB_KEY_B, endOfA.plus(Duration.ofDays(31)));
        clock.set(endOfA.minusSeconds(1));
        assertEquals(running.pseudonym(1, HUB_KEY_A), verify(running, 1).get("listSub").asText(),
                "key A is still valid");
        assertEquals(1, keyFetches());

        clock.set(endOfA);
        assertEquals(running.pseudonym(1, HUB_KEY_B), verify(running, 1).get("listSub").asText());
        assertEquals(2, keyFetches());
    }

    @Test
    void greenLookupUsesTheSameKeyAsTheVerificationsListSub() throws Exception {
        hubAnswersKey(HUB_KEY_A, Instant.parse("2099-12-01T00:00:00Z"));
        running = RunningSimulator.start("--hub-url", hub.baseUrl());
        String listSub = verify(running, 3).get("listSub").asText();

        RunningSimulator.Answer lookup = running.post("/member/v1/green-lookups",
                "{\"sub\":\"" + listSub + "\",\"rgn\":\"310000\"}");

        assertEquals("RED", lookup.json().get("status").asText(), lookup.body());
        assertEquals("LISTED", lookup.json().get("reason").asText());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;
        private final ZoneId zone;

        MutableClock(Instant start) {
            this(new AtomicReference<>(start), ZoneOffset.UTC);
        }

        private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new MutableClock(now, newZone);
        }
    }
}

package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The member contract's shapes as the simulator serves them: answers, problems, headers. */
class MemberContractAnswersTest {

    RunningSimulator running;

    @BeforeEach
    void start() throws Exception {
        running = RunningSimulator.startWithTestKey();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String listSub(int n) {
        return running.pseudonym(n, RunningSimulator.LIST_KEY);
    }

    @Test
    void greenLookupOfAListedResidentAnswersItsColourLive() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/green-lookups",
                "{\"sub\":\"" + listSub(3) + "\",\"rgn\":\"310000\",\"live\":true}");

        assertEquals(200, answer.status());
        assertEquals("RED", answer.json().get("status").asText());
        assertEquals("LIVE", answer.json().get("source").asText());
        assertEquals("LISTED", answer.json().get("reason").asText());
    }

    @Test
    void greenLookupOfAnUnknownSubjectIsUnknownNotFoundAtHome() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/green-lookups",
                "{\"sub\":\"" + "ab".repeat(32) + "\",\"rgn\":\"310000\"}");

        assertEquals("UNKNOWN", answer.json().get("status").asText());
        assertEquals("NOT_FOUND_AT_HOME", answer.json().get("reason").asText());
    }

    @Test
    void residentsListGivesListPseudonymsForDemos() throws Exception {
        RunningSimulator.Answer answer = running.get("/sim/residents");

        assertEquals(30, answer.json().get("residents").size());
        assertEquals(listSub(2), answer.json().get("residents").get(1).get("listSub").asText());
        assertEquals("YELLOW", answer.json().get("residents").get(1).get("colour").asText());
    }

    @Test
    void appealIsAcknowledgedWithAHomeReference() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/appeals", "{\"sub\":\"" + listSub(2)
                + "\",\"rgn\":\"310104\",\"ground\":\"LISTING_EXPIRED\",\"statement\":\"Quarantine ended.\"}",
                Map.of("Ymt-Appeal-Id", "apl-1", "Ymt-Hop", "7", "Ymt-Path", "ymt:hub:yrd"));

        assertEquals(202, answer.status(), answer.body());
        assertEquals("310000-appeal-1", answer.json().get("homeReference").asText());
        assertTrue(answer.json().has("receivedAt"));
    }

    @Test
    void appealWithoutTheHubsAppealIdIsRefused() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/appeals", "{\"sub\":\"" + listSub(2)
                + "\",\"rgn\":\"310104\",\"ground\":\"OTHER\",\"statement\":\"x\"}");

        assertEquals(400, answer.status());
        assertEquals("/headers/Ymt-Appeal-Id", answer.json().get("errors").get(0).get("pointer").asText());
    }

    @Test
    void appealStatementWithAnIdNumberIsRefused() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/appeals", "{\"sub\":\"" + listSub(2)
                + "\",\"rgn\":\"310104\",\"ground\":\"OTHER\",\"statement\":\"I am 11010519491231002X\"}",
                Map.of("Ymt-Appeal-Id", "apl-2"));

        assertEquals(400, answer.status());
        assertEquals("https://yimatong.org/problems/validation-failed", answer.json().get("type").asText());
    }

    @Test
    void invalidVerificationRequestNamesEveryBadField() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                "{\"code\":\"short\",\"checkpoint\":{\"id\":\"g\",\"region\":\"62\",\"kind\":\"STATION\"},"
                        + "\"purpose\":\"Travel\"}");

        assertEquals(400, answer.status());
        assertEquals("https://yimatong.org/problems/validation-failed", answer.json().get("type").asText());
        assertEquals(3, answer.json().get("errors").size(), answer.body());
    }

    @Test
    void unknownMemberInARequestIsMalformed() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/green-lookups",
                "{\"sub\":\"" + "ab".repeat(32) + "\",\"rgn\":\"310000\",\"name\":\"x\"}");

        assertEquals(400, answer.status());
        assertEquals("https://yimatong.org/problems/malformed-request", answer.json().get("type").asText());
    }

    @Test
    void wrongContentTypeIsUnsupported() throws Exception {
        RunningSimulator.Answer answer = running.post(running.uri("/member/v1/verifications"), "text/plain",
                RunningSimulator.verification(running.sim.code(1)), Map.of());

        assertEquals(415, answer.status());
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() throws Exception {
        RunningSimulator.Answer missing = running.get("/member/v1/nothing");
        RunningSimulator.Answer wrongMethod = running.get("/member/v1/verifications");

        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"));
        assertEquals(405, wrongMethod.status());
        assertEquals("https://yimatong.org/problems/method-not-allowed", wrongMethod.json().get("type").asText());
    }

    @Test
    void badRoutingHeadersAreRefused() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                RunningSimulator.verification(running.sim.code(1)), Map.of("Ymt-Hop", "9"));

        assertEquals(400, answer.status());
        assertEquals("/headers/Ymt-Hop", answer.json().get("errors").get(0).get("pointer").asText());
    }

    @Test
    void ownEntityIdOnThePathIsALoop() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                RunningSimulator.verification(running.sim.code(1)),
                Map.of("Ymt-Hop", "5", "Ymt-Path", "ymt:hub:yrd,ymt:member:310000,ymt:hub:yrd"));

        assertEquals(508, answer.status());
        assertEquals("https://yimatong.org/problems/loop-detected", answer.json().get("type").asText());
    }

    @Test
    void entityConfigurationPointsAtTheKeySet() throws Exception {
        RunningSimulator.Answer answer = running.get("/.well-known/yimatong");

        assertEquals("ymt:member:310000", answer.json().get("entityId").asText());
        assertEquals("PLATFORM", answer.json().get("kind").asText());
        assertEquals(running.sim.baseUrl() + "/member/v1/jwks", answer.json().get("jwks_uri").asText());
        assertEquals("SM2", answer.json().get("algorithms").get(0).asText());
    }

    @Test
    void keySetIsServedAsJwkSetJson() throws Exception {
        RunningSimulator.Answer answer = running.get("/member/v1/jwks");

        assertEquals("application/jwk-set+json", answer.contentType());
        assertTrue(!answer.json().get("keys").get(0).has("d"), "no private part");
    }

    @Test
    void listChangeNotificationIsNoted() throws Exception {
        RunningSimulator.Answer answer = running.post("/member/v1/list-changes", "{\"cursor\":\"abc\"}");

        assertEquals(204, answer.status());
        assertEquals(1, running.sim.listChangeNotifications());
    }
}

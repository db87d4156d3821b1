package org.yimatong.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * "Who looked at me" (REQ-AUD-3) as a platform shows it: the simulator asks its hub for a resident's access log by
 * the resident's list pseudonym, as the resident's home, and shows the looks with names and times. The hub here is a
 * WireMock answering only the pseudonym this test computes from the resident's ID number and the test's list key.
 */
class AccessLogTest {

    static final String HUB_ID = "ymt:hub:yrd";
    static final String PAGE = """
            {"accesses":[
              {"at":"2026-12-07T09:30:00Z","by":"ymt:member:610000","byName":"Shaanxi checkpoint app",
               "purpose":"travel","action":"VERIFICATION","outcome":"GREEN"},
              {"at":"2026-12-06T18:02:11Z","by":"ymt:member:dept-ss-320000","purpose":"social-security",
               "action":"TOKEN_EXCHANGE","outcome":"OK"}],
             "next":"MTc2NTAxNTMzMTAwMDAwMHxhfDQy"}""";

    @RegisterExtension
    final WireMockExtension hub = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    RunningSimulator running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    private String subjectPath(int n) {
        return "/v1/audit/subjects/" + running.pseudonym(n, RunningSimulator.LIST_KEY);
    }

    @Test
    void showsWhoLookedAtAResidentAsTheHubTellsTheResidentsHome() throws Exception {
        running = RunningSimulator.startWithTestKey("--region", "320000", "--hub-url", hub.baseUrl());
        hub.stubFor(get(urlPathEqualTo(subjectPath(4))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(PAGE)));

        RunningSimulator.Answer answer = running.get("/sim/residents/4/access-log");

        assertEquals(200, answer.status(), answer.body());
        JsonNode log = answer.json();
        assertEquals(4, log.get("n").asInt());
        assertEquals(2, log.get("accesses").size());
        assertEquals("Shaanxi checkpoint app", log.get("accesses").get(0).get("byName").asText());
        assertEquals("2026-12-07T09:30:00Z", log.get("accesses").get(0).get("at").asText());
        assertEquals("ymt:member:dept-ss-320000", log.get("accesses").get(1).get("by").asText());
        assertEquals("MTc2NTAxNTMzMTAwMDAwMHxhfDQy", log.get("next").asText());
        assertFalse(answer.body().contains(running.pseudonym(4, RunningSimulator.LIST_KEY)),
                "the page names the resident by number, not by pseudonym");

        // the hub shows the log to the resident's home only, so the simulator must prove it is that member
        List<LoggedRequest> asked = hub.findAll(getRequestedFor(urlPathEqualTo(subjectPath(4))));
        assertEquals(1, asked.size());
        JsonNode assertion = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(asked.get(0).getHeader("Ymt-Client-Assertion"), running.sim.keySet()).payload());
        assertEquals("ymt:member:320000", assertion.get("iss").asText());
        assertEquals("ymt:member:320000", assertion.get("sub").asText());
        assertEquals(HUB_ID, assertion.get("aud").asText());
    }

    @Test
    void theNextPageIsAskedFromTheCursorTheHubGave() throws Exception {
        running = RunningSimulator.startWithTestKey("--hub-url", hub.baseUrl());
        hub.stubFor(get(urlPathEqualTo(subjectPath(2))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"accesses\":[]}")));

        RunningSimulator.Answer answer = running.get("/sim/residents/2/access-log?after=MTc2NTAxNTMzMTAwMDAwMHxhfDQy");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(0, answer.json().get("accesses").size());
        assertFalse(answer.json().has("next"));
        assertEquals("MTc2NTAxNTMzMTAwMDAwMHxhfDQy", hub.findAll(getRequestedFor(urlPathEqualTo(subjectPath(2))))
                .get(0).queryParameter("after").firstValue());
    }

    @Test
    void aResidentNobodyLookedAtHasAnEmptyLog() throws Exception {
        running = RunningSimulator.startWithTestKey("--hub-url", hub.baseUrl());
        // the hub knows this platform as the person's home only once someone looked: before that, not found
        hub.stubFor(get(urlPathEqualTo(subjectPath(6))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/not-found\",\"title\":\"Resource not found\","
                                + "\"status\":404}")));

        RunningSimulator.Answer answer = running.get("/sim/residents/6/access-log");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(0, answer.json().get("accesses").size());
    }

    @Test
    void aHubRefusalIsABadGatewayThatLeaksNoPseudonym() throws Exception {
        running = RunningSimulator.startWithTestKey("--hub-url", hub.baseUrl());
        hub.stubFor(get(urlPathEqualTo(subjectPath(3))).willReturn(aResponse().withStatus(401)));

        RunningSimulator.Answer answer = running.get("/sim/residents/3/access-log");

        assertEquals(502, answer.status(), answer.body());
        assertTrue(answer.body().contains("member-bad-answer"), answer.body());
        assertFalse(answer.body().contains(running.pseudonym(3, RunningSimulator.LIST_KEY)));
    }

    @Test
    void withoutAHubThereIsNoLogToShow() throws Exception {
        running = RunningSimulator.startWithTestKey();

        RunningSimulator.Answer answer = running.get("/sim/residents/3/access-log");

        assertEquals(409, answer.status(), answer.body());
    }

    @Test
    void anUnknownResidentOrABadCursorIsRefusedBeforeTheHubIsAsked() throws Exception {
        running = RunningSimulator.startWithTestKey("--hub-url", hub.baseUrl());

        assertEquals(404, running.get("/sim/residents/31/access-log").status());
        assertEquals(400, running.get("/sim/residents/3/access-log?after=not%20a%20cursor").status());
        assertEquals(400, running.get("/sim/residents/3/access-log?page=2").status());
        assertEquals(0, hub.getAllServeEvents().size());
    }
}

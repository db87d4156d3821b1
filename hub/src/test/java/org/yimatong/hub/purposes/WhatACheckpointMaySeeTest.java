package org.yimatong.hub.purposes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.memberapi.Federation.asMember;
import static org.yimatong.hub.memberapi.Federation.code;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.PurposePolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * REQ-PRIV-1: a checkpoint learns beyond the colour only what the purpose of its scan allows at its operator's level,
 * as data or only as a decision; the hub asks the home for no more and strips what a home over-shares; every
 * disclosure is audited and in the person's access log; bad requests are refused before anything is sent. The home
 * here over-shares on purpose: it answers every attestation whatever it is asked. Prefixes 68 (home), 69 (the
 * operators' login platform) and 70 (a checkpoint client) are this test's.
 */
@QuarkusTest
class WhatACheckpointMaySeeTest {

    static final String HOME = "ymt:member:680000";
    static final String LOGIN = "ymt:member:690000";
    /** A checkpoint client whose operators log in; tokens for it need at least basic (application.properties). */
    static final String CHECKPOINT = "ymt:member:700000";
    static final String PERSON = "6b".repeat(32);
    static final String MEMBER_PATH = "/m68/member/v1/verifications";

    @InjectFederation
    WireMockServer wm;

    @Inject
    PurposePolicies policies;

    @Inject
    Pool pool;

    private final Jwk homeKey = Jwk.generate(SignatureProfile.SM2);
    private final Jwk loginKey = Jwk.generate(SignatureProfile.SM2);
    private final Jwk checkpointKey = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void givenAHomeThatOverShares() {
        wm.resetAll();
        Federation.registerMembers(wm);
        Federation.registerChildHub(wm);
        TestMembers.register(HOME, wm.baseUrl() + "/m68", homeKey, "68");
        TestMembers.register(LOGIN, wm.baseUrl() + "/m69", loginKey, "69");
        TestMembers.register(CHECKPOINT, wm.baseUrl() + "/m70", checkpointKey, "70");
        homeAnswersTestSampledHoursAgo(20);
    }

    void homeAnswersTestSampledHoursAgo(long hours) {
        Instant now = Instant.now();
        Instant sampled = now.minusSeconds(hours * 3600);
        wm.stubFor(post(urlEqualTo(MEMBER_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"GREEN","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s",
                         "listSub":"%s","attestations":{
                           "naat":{"result":"NEGATIVE","sampledAt":"%s","reportedAt":"%s","labRegion":"680102"},
                           "vaccination":{"doses":3,"lastDoseOn":"2022-03-14"},
                           "serviceLinks":{"medicalInsurance":true,"transitCard":false}},
                         "meets":true,"withheld":[]}""".formatted(HOME, now, now.plusSeconds(60), PERSON, sampled,
                        sampled.plusSeconds(6 * 3600)))));
    }

    static String request(String code, String purpose, String more) {
        return """
                {"code":"%s","checkpoint":{"id":"lz-west-gate-3","region":"700102","kind":"TRANSPORT"},
                 "purpose":"%s"%s}""".formatted(code, purpose, more);
    }

    ValidatableResponse verify(String purpose, String more) {
        return asMember(checkpointKey, CHECKPOINT).body(request(code(homeKey, HOME, "680102"), purpose, more))
                .when().post("/v1/verifications").then();
    }

    /** What the hub sent the home in its last verification. */
    JsonNode askedOfHome() throws Exception {
        var requests = wm.findAll(postRequestedFor(urlEqualTo(MEMBER_PATH)));
        assertFalse(requests.isEmpty(), "the home was asked");
        return PayloadJson.mapper().readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void aStationGateLearnsOnlyWhetherTheRuleIsMetNeverTheTestDate() throws Exception {
        String body = verify("station-entry", ",\"requires\":{\"naatNegativeWithinHours\":48}").statusCode(200)
                .body("status", equalTo("GREEN"))
                .body("meets", equalTo(true))
                .body("attestations", nullValue())
                .body("withheld", nullValue())
                .body("policyVersion", equalTo(policies.current().version()))
                .extract().asString();
        assertFalse(body.contains("sampledAt") || body.contains("NEGATIVE") || body.contains("2022-03-14"), body);

        // the home was asked for the test only: no rule, no session, nothing the purpose does not need
        JsonNode asked = askedOfHome();
        assertEquals(List.of("naat"), PayloadJson.mapper().convertValue(asked.get("disclose"), List.class));
        assertTrue(asked.path("requires").isMissingNode() && asked.path("operatorToken").isMissingNode(), asked
                .toString());

        Row disclosure = lastDisclosure();
        assertEquals("DECISION:naat", disclosure.getString("outcome"));
        assertEquals("naat:meets", disclosure.getString("target"));
        assertEquals(CHECKPOINT, disclosure.getString("actor"));
        assertEquals("station-entry", disclosure.getString("purpose"));
        assertEquals(PERSON, disclosure.getString("subject"));

        // the person's home shows it in "who looked at me"
        asMember(homeKey, HOME).when().get("/v1/audit/subjects/" + PERSON).then().statusCode(200)
                .body("accesses.action", hasItem("DISCLOSURE"))
                .body("accesses.find { it.action == 'DISCLOSURE' }.outcome", equalTo("DECISION:naat"))
                .body("accesses.find { it.action == 'DISCLOSURE' }.by", equalTo(CHECKPOINT));
    }

    @Test
    void aHubOnTheWayGetsTheDecisionNotTheDataAndTheParentsDecisionIsPassedOn() throws Exception {
        // a child hub forwards its checkpoint's request with the rule: it is decided here, next to the data
        asMember(Federation.EAST_KEY, Federation.EAST).header("Ymt-Path", "ymt:member:checkpoint-410102,"
                + Federation.EAST).header("Ymt-Hop", "3")
                .body(request(code(homeKey, HOME, "680102"), "station-entry",
                        ",\"requires\":{\"naatNegativeWithinHours\":48},\"policyVersion\":" + policies.current()
                                .version()))
                .when().post("/v1/verifications").then().statusCode(200)
                .body("meets", equalTo(true)).body("attestations", nullValue()).body("listSub", equalTo(PERSON));
        assertEquals(List.of("naat"), PayloadJson.mapper().convertValue(askedOfHome().get("disclose"), List.class));
        Row disclosure = lastDisclosure(Federation.EAST);
        assertEquals("DECISION:naat", disclosure.getString("outcome"));

        // a code from outside this hub's subtree: the parent is asked to decide, not to show, and what it
        // over-shares stays out of the answer
        Instant now = Instant.now();
        wm.stubFor(post(urlEqualTo("/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"GREEN","home":"ymt:member:580000","source":"LIVE","checkedAt":"%s",
                         "validUntil":"%s","meets":true,"policyVersion":%d,
                         "attestations":{"naat":{"result":"NEGATIVE","sampledAt":"%s"}}}"""
                        .formatted(now, now.plusSeconds(60), policies.current().version(), now.minusSeconds(3600)))));
        asMember(checkpointKey, CHECKPOINT).body(request(code(Jwk.generate(SignatureProfile.SM2),
                "ymt:member:580000", "580102"), "station-entry", ",\"requires\":{\"naatNegativeWithinHours\":48}"))
                .when().post("/v1/verifications").then().statusCode(200)
                .body("meets", equalTo(true)).body("attestations", nullValue());
        JsonNode toParent = PayloadJson.mapper().readTree(wm.findAll(postRequestedFor(urlEqualTo(
                "/v1/verifications"))).get(0).getBodyAsString());
        assertEquals(48, toParent.at("/requires/naatNegativeWithinHours").asInt(), toParent.toString());
        assertTrue(toParent.path("disclose").isMissingNode(), "the parent is asked to decide, not to show");
        assertEquals(policies.current().version(), toParent.path("policyVersion").asInt());
    }

    @Test
    void aTestOlderThanTheRuleDoesNotMeetIt() {
        homeAnswersTestSampledHoursAgo(72);
        verify("station-entry", ",\"requires\":{\"naatNegativeWithinHours\":48}").statusCode(200)
                .body("meets", equalTo(false)).body("attestations", nullValue());
    }

    @Test
    void aCallerBelowThePurposesLevelGetsTheColourOnlyAndTheHomeIsAskedNothing() throws Exception {
        long before = disclosures();
        verify("hospital-visit", ",\"disclose\":[\"naat\"]").statusCode(200)
                .body("status", equalTo("GREEN"))
                .body("attestations", nullValue())
                .body("meets", nullValue())
                .body("withheld", equalTo(List.of("naat")));
        assertTrue(askedOfHome().path("disclose").isMissingNode(), "nothing asked of the home");
        assertEquals(before, disclosures(), "nothing disclosed, nothing recorded as disclosed");
    }

    @Test
    void anOperatorAtTheLevelSeesWhatWasAskedAndNothingTheHomeAddedOfItsOwn() throws Exception {
        String session = operatorSession("urn:ymt:loa:substantial");
        String body = verify("hospital-visit", ",\"disclose\":[\"naat\"],\"operatorToken\":\"" + session + "\"")
                .statusCode(200)
                .body("attestations.naat.result", equalTo("NEGATIVE"))
                .body("attestations.naat.labRegion", equalTo("680102"))
                .body("attestations.vaccination", nullValue())
                .body("attestations.serviceLinks", nullValue())
                .body("withheld", nullValue())
                .extract().asString();
        assertFalse(body.contains("listSub"), body);
        assertEquals(List.of("naat"), PayloadJson.mapper().convertValue(askedOfHome().get("disclose"), List.class));
        Row disclosure = lastDisclosure();
        assertEquals("DATA:naat", disclosure.getString("outcome"));
        assertEquals("naat:result,sampledAt,reportedAt,labRegion", disclosure.getString("target"));

        // a basic session is below hospital-visit's substantial
        verify("hospital-visit", ",\"disclose\":[\"naat\"],\"operatorToken\":\"" + operatorSession(
                "urn:ymt:loa:basic") + "\"").statusCode(200).body("attestations", nullValue())
                .body("withheld", equalTo(List.of("naat")));
    }

    @Test
    void badRequestsAreProblemsAndNothingIsSentToTheHome() {
        long before = disclosures();
        expectProblem(verify("sightseeing", ""), 400, "purpose-unknown");
        expectProblem(verify("station-entry", ",\"disclose\":[\"naat\"]"), 400, "disclosure-not-allowed");
        expectProblem(verify("government-service", ",\"requires\":{\"naatNegativeWithinHours\":48}"), 400,
                "rule-not-allowed");
        expectProblem(verify("station-entry", ",\"disclose\":[\"passport\"]"), 400, "validation-failed");
        expectProblem(verify("station-entry", ",\"requires\":{}"), 400, "validation-failed");
        expectProblem(verify("hospital-visit", ",\"disclose\":[\"naat\"],\"operatorToken\":\"a.b.c\""), 401,
                "unauthenticated");
        wm.verify(0, postRequestedFor(urlEqualTo(MEMBER_PATH)));
        assertEquals(before, disclosures());
    }

    @Test
    void theHubFollowsItsParentsNewerPolicyAndRefusesARequestOnAnOlderOne() throws Exception {
        PurposePolicy contract = PurposePolicy.contract();
        int newer = Math.max(policies.current().version(), contract.version()) + 1;
        PurposePolicy offered = new PurposePolicy(newer, contract.purposes());
        wm.stubFor(get(urlEqualTo("/v1/purposes")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(PayloadJson.mapper()
                        .writeValueAsString(offered))));
        assertEquals(newer, policies.refresh().await().indefinitely().version());

        // an older policy offered later changes nothing: a policy only moves forward
        wm.stubFor(get(urlEqualTo("/v1/purposes")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(PayloadJson.mapper()
                        .writeValueAsString(contract))));
        assertEquals(newer, policies.refresh().await().indefinitely().version());

        expectProblem(verify("station-entry", ",\"policyVersion\":" + (newer - 1)), 409, "purpose-policy-outdated");
        wm.verify(0, postRequestedFor(urlEqualTo(MEMBER_PATH)));
        verify("station-entry", ",\"policyVersion\":" + newer).statusCode(200).body("policyVersion", equalTo(newer));

        // published as served, also signed by this hub
        given().accept(ContentType.JSON).when().get("/v1/purposes").then().statusCode(200)
                .body("version", equalTo(newer)).body("purposes.purpose", hasItem("station-entry"));
        String jws = given().accept("application/jwt").when().get("/v1/purposes").then().statusCode(200)
                .extract().asString();
        assertEquals(jws, given().accept("application/jwt").when().get("/v1/purposes").then().statusCode(200)
                .extract().asString(), "signed once per version and key, not per request");
        JwkSet hubKeys = JwkSet.parse(given().when().get("/v1/jwks").then().statusCode(200).extract().asString());
        JsonNode claims = PayloadJson.mapper().readTree(new String(new JwsVerifier(EnumSet.allOf(
                SignatureProfile.class),
                PurposeResource.TYP).verify(jws, hubKeys).payload(),
                StandardCharsets.UTF_8));
        assertEquals(TestMembers.HUB_ID, claims.get("iss").asText());
        assertEquals(newer, claims.get("version").asInt());
    }

    static void expectProblem(ValidatableResponse response, int status, String slug) {
        response.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/" + slug))
                .body("detail", not(nullValue()));
    }

    /** A checkpoint operator's session: an ID token of the login platform exchanged for a hub token for the client. */
    String operatorSession(String acr) {
        Instant now = Instant.now();
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("iss", LOGIN).put("sub", "operator-7")
                .put("aud", TestMembers.HUB_ID).put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(600).getEpochSecond()).put("auth_time", now.minusSeconds(60)
                        .getEpochSecond())
                .put("acr", acr).put("jti", "id-operator-" + System.nanoTime());
        String idToken = JwsSigner.sign(loginKey, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .formParam("subject_token", idToken)
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", CHECKPOINT)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", ClientAssertion.sign(checkpointKey, CHECKPOINT, TestMembers.HUB_ID,
                        now))
                .when().post("/v1/token").then().statusCode(200).extract().path("access_token");
    }

    Row lastDisclosure() {
        return lastDisclosure(CHECKPOINT);
    }

    Row lastDisclosure(String actor) {
        return pool.preparedQuery("select actor, purpose, target, outcome, subject from audit_event"
                + " where action = 'DISCLOSURE' and actor = $1 order by at desc, seq desc limit 1")
                .execute(Tuple.of(actor)).await().indefinitely().iterator().next();
    }

    long disclosures() {
        return pool.preparedQuery("select count(*) from audit_event where action = 'DISCLOSURE'").execute()
                .await().indefinitely().iterator().next().getLong(0);
    }
}

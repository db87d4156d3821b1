package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.GuardedMemberClient;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * REQ-HA-3: a member with a standby data centre ({@code baseUrls}) is answered by the standby while its primary is
 * down, each endpoint behind its own breaker. Each test has its own member, so breakers never cross tests.
 */
@QuarkusTest
class StandbyEndpointsTest {

    @InjectFederation
    WireMockServer wm;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void theStandbyAnswersWhileThePrimaryIsDownAndThePrimaryBreakerOpens() {
        String id = "ymt:member:880000";
        String standby = wm.baseUrl() + "/m880000-b";
        Jwk key = register(id, "88", Federation.deadUrl(), standby);
        wm.stubFor(post(urlEqualTo("/m880000-b/member/v1/verifications"))
                .willReturn(json(liveAnswer("GREEN", id))));

        for (int i = 0; i < 6; i++) {
            verify(code(key, id, "880102")).body("status", equalTo("GREEN")).body("source", equalTo("LIVE"));
        }

        wm.verify(6, postRequestedFor(urlEqualTo("/m880000-b/member/v1/verifications")));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(GuardedMemberClient.breakerName(id)),
                "the primary's breaker opened");
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(GuardedMemberClient.breakerName(id, 1)));
        assertEquals(4, calls(id, "unreachable"), "four connection attempts at the primary, then its breaker");
        assertEquals(2, calls(id, "circuit_open"), "afterwards the primary is skipped without a connection");
    }

    @Test
    void aRefusalAtThePrimaryIsTheAnswerNotAReasonToAskTheStandby() {
        String id = "ymt:member:890000";
        Jwk key = register(id, "89", wm.baseUrl() + "/m890000-a", wm.baseUrl() + "/m890000-b");
        wm.stubFor(post(urlEqualTo("/m890000-a/member/v1/verifications")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://yimatong.org/problems/not-found\",\"title\":\"Not found\","
                        + "\"status\":404,\"detail\":\"no such code issued here\"}")));
        wm.stubFor(post(urlEqualTo("/m890000-b/member/v1/verifications"))
                .willReturn(json(liveAnswer("GREEN", id))));

        verify(code(key, id, "890102")).body("status", equalTo("UNKNOWN")).body("reason", equalTo(
                "NOT_FOUND_AT_HOME"));

        wm.verify(1, postRequestedFor(urlEqualTo("/m890000-a/member/v1/verifications")));
        wm.verify(0, postRequestedFor(urlEqualTo("/m890000-b/member/v1/verifications")));
    }

    @Test
    void theRecordKeepsItsEndpointsInOrderAndRefusesAListNotStartingWithBaseUrl() {
        String id = "ymt:member:880001";
        String primary = wm.baseUrl() + "/m880001-a";
        String standby = wm.baseUrl() + "/m880001-b";
        register(id, null, primary, standby);

        given().header("Authorization", TestMembers.ADMIN).when().get("/v1/admin/members/" + id)
                .then().statusCode(200)
                .body("baseUrl", equalTo(primary))
                .body("baseUrls", contains(primary, standby));

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record(id, null, primary, List.of(standby, primary), Jwk.generate(SignatureProfile.SM2)))
                .when().put("/v1/admin/members/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/baseUrls"));
        given().header("Authorization", TestMembers.ADMIN).when().get("/v1/admin/members/" + id)
                .then().body("baseUrls", contains(primary, standby));
    }

    private static Jwk register(String id, String prefix, String primary, String standby) {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        int status = given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record(id, prefix, primary, List.of(primary, standby), key))
                .when().put("/v1/admin/members/" + id).then().extract().statusCode();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("could not register " + id + ": HTTP " + status);
        }
        return key;
    }

    private static String record(String id, String prefix, String primary, List<String> baseUrls, Jwk key) {
        return """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":%s,"parent":"%s",
                 "baseUrl":"%s","baseUrls":%s,"dialect":"v1","jwks":%s,"status":"ACTIVE"}"""
                .formatted(id, id, prefix == null ? "[]" : "[\"" + prefix + "\"]", TestMembers.HUB_ID, primary,
                        baseUrls.stream().map(url -> "\"" + url + "\"").toList(),
                        new JwkSet(List.of(key.publicOnly())).toJson());
    }

    private double calls(String member, String outcome) {
        return meters.counter("ymt.member.calls", "member", member, "operation", "verify", "outcome", outcome).count();
    }

    private static ValidatableResponse verify(String code) {
        return asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(200);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.GuardedMemberClient;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Each test has its own home platform, so one's breaker never decides another's outcome. */
@QuarkusTest
class UnavailableHomeAnswersUnknownTest {

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
    void homeThatIsDownGivesUnknownNeverRed() {
        Jwk key = home("ymt:member:630000", Federation.deadUrl(), "ACTIVE", "63");

        verify(code(key, "ymt:member:630000", "630102"))
                .body("status", equalTo("UNKNOWN"))
                .body("source", equalTo("NONE"))
                .body("reason", equalTo("HOME_UNAVAILABLE"));

        assertEquals(1, calls("ymt:member:630000", "unreachable"), "one call, refused at the connection");
    }

    @Test
    void homeAnsweringAfterTheTimeoutGivesUnknownNotItsLateRed() {
        Jwk key = home("ymt:member:640000", wm.baseUrl() + "/m640000", "ACTIVE", "64");
        // far beyond the 800 ms budget: the late RED must not be the answer, whatever the machine's speed
        wm.stubFor(post(urlEqualTo("/m640000/member/v1/verifications"))
                .willReturn(json(liveAnswer("RED", "ymt:member:640000")).withFixedDelay(10_000)));

        verify(code(key, "ymt:member:640000", "640104"))
                .body("status", equalTo("UNKNOWN"))
                .body("source", equalTo("NONE"))
                .body("reason", equalTo("HOME_UNAVAILABLE"));

        assertEquals(1, calls("ymt:member:640000", "timeout"), "the call was cut by the member-call timeout");
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndClosesAfterRecovery() {
        String id = "ymt:member:660000";
        String api = "/m660000/member/v1/verifications";
        Jwk key = home(id, wm.baseUrl() + "/m660000", "ACTIVE", "66");
        wm.stubFor(post(urlEqualTo(api)).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            verify(code(key, id, "660102")).body("status", equalTo("UNKNOWN"));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(GuardedMemberClient.breakerName(id)));

        verify(code(key, id, "660102")).body("status", equalTo("UNKNOWN")).body("reason", equalTo("HOME_UNAVAILABLE"));
        wm.verify(4, postRequestedFor(urlEqualTo(api)));
        assertEquals(4, calls(id, "http_5xx"));
        assertEquals(1, calls(id, "circuit_open"));

        wm.stubFor(post(urlEqualTo(api)).willReturn(json(liveAnswer("GREEN", id))));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> "GREEN".equals(verify(code(key, id, "660102")).extract().path("status")));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(GuardedMemberClient.breakerName(id)));
    }

    @Test
    void suspendedHomeIsNotRoutedTo() {
        Jwk key = home("ymt:member:150000", wm.baseUrl() + "/m150000", "SUSPENDED", "15");
        wm.stubFor(post(urlEqualTo("/m150000/member/v1/verifications"))
                .willReturn(json(liveAnswer("GREEN", "ymt:member:150000"))));

        verify(code(key, "ymt:member:150000", "150102"))
                .body("status", equalTo("UNKNOWN"))
                .body("reason", equalTo("HOME_UNAVAILABLE"));

        Federation.noVerificationForwarded(wm);
    }

    private double calls(String member, String outcome) {
        return meters.counter("ymt.member.calls", "member", member, "operation", "verify", "outcome", outcome).count();
    }

    private static Jwk home(String id, String baseUrl, String status, String prefix) {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register(id, "PLATFORM", baseUrl, key, status, prefix);
        return key;
    }

    private static ValidatableResponse verify(String code) {
        return asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(200);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

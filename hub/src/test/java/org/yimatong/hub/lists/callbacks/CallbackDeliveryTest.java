package org.yimatong.hub.lists.callbacks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.problem.ProblemException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CallbackDeliveryTest {

    private static final String MEMBER = "ymt:member:520400";
    private static final String PATH = "/m5204/member/v1/list-changes";
    private static WireMockServer member;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @BeforeAll
    static void startMember() {
        member = new WireMockServer(options().dynamicPort());
        member.start();
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.stop();
        }
    }

    @Test
    void aNotificationFailingTwiceIsDeliveredOnceOnTheThirdAttempt() {
        member.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        member.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed twice"));
        member.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(204)).willSetStateTo("delivered"));
        TestMembers.register(MEMBER, base(), key, "5204");
        String id = subscribe(base() + "/member/v1/list-changes").statusCode(201)
                .body("member", equalTo(MEMBER)).extract().path("id");

        ListBatches.upload(key, MEMBER, "cb-1", LocalDate.parse("2026-11-27"),
                List.of(entry(sub("cb"), Colour.RED, "520401"))).statusCode(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> member.getAllScenarios().getScenarios().stream()
                .anyMatch(s -> s.getState().equals("delivered")));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> member.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount() == 3);
        LoggedRequest request = member.getAllServeEvents().get(0).getRequest();
        String delivered = request.getBodyAsString();
        assertTrue(delivered.contains("\"subscriptionId\":\"" + id + "\""), delivered);
        assertEquals(3, member.getAllServeEvents().size());

        // signed by the hub over the exact bytes: the member checks it against the hub's published key set
        JwkSet hubKeys = JwkSet.parse(given().get("/v1/jwks").then().statusCode(200).extract().asString());
        String signature = request.getHeader(CallbackPoster.SIGNATURE_HEADER);
        JwsVerifier verifier = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), CallbackPoster.SIGNATURE_TYPE);
        verifier.verifyDetached(signature, request.getBody(), hubKeys);
        byte[] altered = delivered.replace(id, id + "x").getBytes(StandardCharsets.UTF_8);
        assertThrows(ProblemException.class, () -> verifier.verifyDetached(signature, altered, hubKeys));
    }

    @Test
    void aCallbackOutsideTheMembersBaseUrlIsRefused() {
        TestMembers.register(MEMBER, base(), key, "5204");

        subscribe("http://localhost:" + member.port() + "/elsewhere/list-changes")
                .statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("errors[0].pointer", equalTo("/callbackUrl"));
    }

    @Test
    void aMemberHoldsAtMostTenSubscriptions() {
        String capped = "ymt:member:521500";
        TestMembers.register(capped, base(), key, "5215");
        for (int i = 0; i < 10; i++) {
            subscribe(capped, base() + "/list-changes-" + i, "5215").statusCode(201);
        }

        subscribe(capped, base() + "/list-changes-10", "5215").statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/conflict"));
    }

    private String base() {
        return "http://localhost:" + member.port() + "/m5204";
    }

    private io.restassured.response.ValidatableResponse subscribe(String callbackUrl) {
        return subscribe(MEMBER, callbackUrl, "5204");
    }

    private io.restassured.response.ValidatableResponse subscribe(String memberId, String callbackUrl, String prefix) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(key, memberId))
                .contentType(ContentType.JSON)
                .body("{\"callbackUrl\":\"" + callbackUrl + "\",\"regionPrefixes\":[\"" + prefix + "\"]}")
                .when().post("/v1/lists/subscriptions").then();
    }
}

package org.yimatong.hub.appeals;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.yimatong.hub.appeals.AppealFixtures.acknowledged;
import static org.yimatong.hub.appeals.AppealFixtures.appeal;
import static org.yimatong.hub.appeals.AppealFixtures.decision;
import static org.yimatong.hub.appeals.AppealFixtures.filedAtHub;
import static org.yimatong.hub.memberapi.Federation.EAST;
import static org.yimatong.hub.memberapi.Federation.EAST_KEY;
import static org.yimatong.hub.memberapi.Federation.JIANGSU;
import static org.yimatong.hub.memberapi.Federation.JIANGSU_KEY;
import static org.yimatong.hub.memberapi.Federation.PARENT_KEY;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.asMember;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AppealDecisionsComeBackTest {

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
        wm.stubFor(post(urlEqualTo("/m310000/member/v1/appeals")).willReturn(acknowledged("SH-7")));
    }

    @Test
    void homeDecisionIsRecordedAndShownToTheAppellant() {
        String id = fileWithShanghai();

        asMember(SHANGHAI_KEY, SHANGHAI).body(decision("UPHELD", "SH-7")).when().post("/v1/appeals/" + id + "/decision")
                .then().statusCode(200)
                .body("state", equalTo("DECIDED"))
                .body("decision.outcome", equalTo("UPHELD"));

        asCaller().when().get("/v1/appeals/" + id)
                .then().statusCode(200)
                .body("state", equalTo("DECIDED"))
                .body("decision.correctedColour", equalTo("GREEN"));
    }

    @Test
    void sameDecisionTwiceIsAnsweredAgainButADifferentOneConflicts() {
        String id = fileWithShanghai();
        asMember(SHANGHAI_KEY, SHANGHAI).body(decision("REJECTED", "SH-7")).when().post("/v1/appeals/" + id
                + "/decision")
                .then().statusCode(200);

        asMember(SHANGHAI_KEY, SHANGHAI).body(decision("REJECTED", "SH-7")).when().post("/v1/appeals/" + id
                + "/decision")
                .then().statusCode(200).body("decision.outcome", equalTo("REJECTED"));
        asMember(SHANGHAI_KEY, SHANGHAI).body(decision("UPHELD", "SH-7")).when().post("/v1/appeals/" + id + "/decision")
                .then().statusCode(409).body("type", endsWith("/conflict"));
    }

    @Test
    void onlyTheNodeTheAppealWentToMayDecideIt() {
        String id = fileWithShanghai();

        asMember(JIANGSU_KEY, JIANGSU).body(decision("UPHELD", "JS-1")).when().post("/v1/appeals/" + id + "/decision")
                .then().statusCode(403).body("type", endsWith("/forbidden"));
        asCaller().when().get("/v1/appeals/" + id).then().statusCode(200).body("state", equalTo("FORWARDED"));
    }

    @Test
    void decisionFromTheParentIsRelayedToTheChildHubThatFiledTheAppeal() {
        Federation.registerChildHub(wm);
        Federation.publishParentKeys(wm);
        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/appeals"))
                .willReturn(filedAtHub("P-9", "ymt:member:440000", TestMembers.HUB_ID)));
        wm.stubFor(post(urlEqualTo("/east/v1/appeals/E-1/decision"))
                .willReturn(filedAtHub("E-1", TestMembers.HUB_ID, "ymt:member:410000").withStatus(200)));

        String id = asMember(EAST_KEY, EAST).header("Ymt-Appeal-Id", "E-1").header("Ymt-Path", "ymt:member:410000,"
                + EAST)
                .header("Ymt-Hop", "7").body(appeal("440305"))
                .when().post("/v1/appeals").then().statusCode(201).body("homeReference", equalTo("P-9"))
                .extract().path("id");

        asMember(PARENT_KEY, FakeFederation.PARENT_ID).body(decision("UPHELD", "GD-77"))
                .when().post("/v1/appeals/" + id + "/decision")
                .then().statusCode(200).body("state", equalTo("DECIDED"));

        Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> wm.verify(1,
                postRequestedFor(urlEqualTo("/east/v1/appeals/E-1/decision"))
                        .withHeader("Ymt-Client-Assertion", matching(".+\\..+\\..+"))
                        .withRequestBody(containing("GD-77"))));
    }

    private static String fileWithShanghai() {
        return asCaller().body(appeal("310104")).when().post("/v1/appeals").then().statusCode(201)
                .body("state", equalTo("FORWARDED")).extract().path("id");
    }
}

package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG_KEY;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoutingLoopsAreRefusedTest {

    private static final String PARENT_API = FakeFederation.PARENT_PATH + "/v1/verifications";

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenShanghaiJiangsuAndAParent() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void codeTheParentSentDownThatBelongsOutsideTheSubtreeIsNotSentBackUp() {
        Federation.publishParentKeys(wm);

        Federation.asMember(Federation.PARENT_KEY, FakeFederation.PARENT_ID)
                .header("Ymt-Path", "ymt:member:610000," + FakeFederation.PARENT_ID)
                .body(verificationRequest(code(GUANGDONG_KEY, GUANGDONG, "440305")))
                .when().post("/v1/verifications")
                .then().statusCode(508)
                .body("type", Matchers.endsWith("/loop-detected"));

        wm.verify(0, postRequestedFor(urlEqualTo(PARENT_API)));
    }

    @Test
    void requestThatAlreadyPassedThisHubIsRefusedAsALoop() {
        Federation.registerChildHub(wm);
        Federation.asMember(Federation.EAST_KEY, Federation.EAST)
                .header("Ymt-Path", "ymt:hub:parent," + TestMembers.HUB_ID + "," + Federation.EAST)
                .body(verificationRequest(code(GUANGDONG_KEY, GUANGDONG, "440305")))
                .when().post("/v1/verifications")
                .then().statusCode(508)
                .contentType("application/problem+json")
                .body("type", Matchers.endsWith("/loop-detected"));

        Federation.noVerificationForwarded(wm);
    }

    @Test
    void requestWithNoHopLeftIsRefusedAsALoop() {
        Federation.registerChildHub(wm);
        Federation.asMember(Federation.EAST_KEY, Federation.EAST).header("Ymt-Hop", "0")
                .header("Ymt-Path", "ymt:member:410000," + Federation.EAST)
                .body(verificationRequest(code(SHANGHAI_KEY, SHANGHAI, "310104")))
                .when().post("/v1/verifications")
                .then().statusCode(508)
                .body("type", Matchers.endsWith("/loop-detected"));

        Federation.noVerificationForwarded(wm);
    }

    @Test
    void onlyAHubSetsTheRoutingHeadersAndItsPathEndsWithItself() {
        wm.stubFor(post(urlEqualTo("/m310000/member/v1/verifications"))
                .willReturn(okJson(Federation.liveAnswer("GREEN", SHANGHAI))));
        // a platform's path is not taken: the path starts with it, whatever it sent
        asCaller().header("Ymt-Path", TestMembers.HUB_ID)
                .body(verificationRequest(code(SHANGHAI_KEY, SHANGHAI, "310104")))
                .when().post("/v1/verifications")
                .then().statusCode(200).body("status", Matchers.equalTo("GREEN"));
        wm.verify(postRequestedFor(urlEqualTo("/m310000/member/v1/verifications"))
                .withHeader("Ymt-Path", equalTo(Federation.CALLER + "," + TestMembers.HUB_ID)));
        // a hub may not name another origin as its own last hop
        Federation.registerChildHub(wm);
        Federation.asMember(Federation.EAST_KEY, Federation.EAST).header("Ymt-Path", "ymt:hub:someone-else")
                .body(verificationRequest(code(SHANGHAI_KEY, SHANGHAI, "310104")))
                .when().post("/v1/verifications")
                .then().statusCode(400).body("errors[0].pointer", Matchers.equalTo("/headers/Ymt-Path"));
    }

    @Test
    void loopFurtherOnIsPassedBack() {
        wm.stubFor(post(urlEqualTo(PARENT_API)).willReturn(aResponse().withStatus(508)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(
                        "{\"type\":\"https://yimatong.org/problems/loop-detected\",\"title\":\"Routing loop detected\","
                                + "\"status\":508,\"detail\":\"seen before\"}")));

        asCaller().body(verificationRequest(code(GUANGDONG_KEY, GUANGDONG, "440305")))
                .when().post("/v1/verifications")
                .then().statusCode(508)
                .body("type", Matchers.endsWith("/loop-detected"));
    }
}

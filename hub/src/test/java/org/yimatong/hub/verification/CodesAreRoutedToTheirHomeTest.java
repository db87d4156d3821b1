package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.yimatong.hub.memberapi.Federation.CALLER;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG_KEY;
import static org.yimatong.hub.memberapi.Federation.JIANGSU;
import static org.yimatong.hub.memberapi.Federation.JIANGSU_KEY;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CodesAreRoutedToTheirHomeTest {

    private static final String SHANGHAI_API = "/m310000/member/v1/verifications";
    private static final String JIANGSU_API = "/m320000/member/v1/verifications";
    private static final String PARENT_API = FakeFederation.PARENT_PATH + "/v1/verifications";

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenShanghaiJiangsuAndAParent() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void sm2CodeOfShanghaiIsAnsweredLiveByShanghai() {
        wm.stubFor(post(urlEqualTo(SHANGHAI_API)).willReturn(okJson(liveAnswer("GREEN", SHANGHAI))));
        String code = code(SHANGHAI_KEY, SHANGHAI, "310104");

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("source", Matchers.equalTo("LIVE"))
                .body("home", Matchers.equalTo(SHANGHAI));

        wm.verify(1, postRequestedFor(urlEqualTo(SHANGHAI_API))
                .withRequestBody(containing(code))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withHeader("Ymt-Path", equalTo(CALLER + "," + TestMembers.HUB_ID))
                // the hub proves who it is to the platform too (REQ-AUTH-3)
                .withHeader("Ymt-Client-Assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
        Federation.verificationsForwarded(wm, 1);
    }

    @Test
    void es256CodeOfJiangsuIsAnsweredLiveByJiangsu() {
        wm.stubFor(post(urlEqualTo(JIANGSU_API)).willReturn(okJson(liveAnswer("YELLOW", JIANGSU))));

        asCaller().body(verificationRequest(code(JIANGSU_KEY, JIANGSU, "320106"))).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("YELLOW"))
                .body("home", Matchers.equalTo(JIANGSU));

        wm.verify(1, postRequestedFor(urlEqualTo(JIANGSU_API)));
        Federation.verificationsForwarded(wm, 1);
    }

    @Test
    void codeFromOutsideTheSubtreeGoesToTheParentWithHopDecrementedAndPathExtended() {
        wm.stubFor(post(urlEqualTo(PARENT_API)).willReturn(okJson(liveAnswer("GREEN", GUANGDONG))));

        Federation.registerChildHub(wm);
        Federation.asMember(Federation.EAST_KEY, Federation.EAST).header("Ymt-Hop", "5")
                .header("Ymt-Path", "ymt:member:410000," + Federation.EAST)
                .body(verificationRequest(code(GUANGDONG_KEY, GUANGDONG, "440305")))
                .when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("home", Matchers.equalTo(GUANGDONG));

        wm.verify(1, postRequestedFor(urlEqualTo(PARENT_API))
                .withHeader("Ymt-Hop", equalTo("4"))
                .withHeader("Ymt-Path", equalTo("ymt:member:410000," + Federation.EAST + "," + TestMembers.HUB_ID))
                .withHeader("Ymt-Client-Assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
        Federation.verificationsForwarded(wm, 1);
    }

    @Test
    void aChildHubAnsweringAboutAnotherHomeIsABadAnswer() {
        Federation.registerChildHub(wm);
        // asked about a code of 410000, it answers with a GREEN of one of its other platforms
        wm.stubFor(post(urlEqualTo("/east/v1/verifications")).willReturn(okJson(liveAnswer("GREEN",
                "ymt:member:420000"))));
        String code = code(Jwk.generate(SignatureProfile.SM2), "ymt:member:410000", "410105");

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", Matchers.endsWith("/member-bad-answer"))
                .body("detail", Matchers.containsString("answered about ymt:member:420000"));
    }

    @Test
    void codeOfARegionUnderAChildHubIsForwardedToThatHubUnverified() {
        Federation.registerChildHub(wm);
        wm.stubFor(post(urlEqualTo("/east/v1/verifications")).willReturn(okJson(liveAnswer("GREEN",
                "ymt:member:410000"))));
        String code = code(Jwk.generate(SignatureProfile.SM2), "ymt:member:410000", "410105");

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("home", Matchers.equalTo("ymt:member:410000"));

        wm.verify(1, postRequestedFor(urlEqualTo("/east/v1/verifications"))
                .withRequestBody(containing(code))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withHeader("Ymt-Path", equalTo(CALLER + "," + TestMembers.HUB_ID))
                .withHeader("Ymt-Client-Assertion", matching(".+\\..+\\..+")));
    }

    @Test
    void codeSentDownByTheParentIsAnsweredByTheChildPlatform() {
        Federation.publishParentKeys(wm);
        wm.stubFor(post(urlEqualTo(SHANGHAI_API)).willReturn(okJson(liveAnswer("GREEN", SHANGHAI))));

        Federation.asMember(Federation.PARENT_KEY, FakeFederation.PARENT_ID)
                .header("Ymt-Hop", "6").header("Ymt-Path", "ymt:member:440000," + FakeFederation.PARENT_ID)
                .body(verificationRequest(code(SHANGHAI_KEY, SHANGHAI, "310104")))
                .when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("GREEN"));

        wm.verify(1, postRequestedFor(urlEqualTo(SHANGHAI_API))
                .withHeader("Ymt-Hop", equalTo("5"))
                .withHeader("Ymt-Path", equalTo("ymt:member:440000," + FakeFederation.PARENT_ID + ","
                        + TestMembers.HUB_ID)));
    }

    @Test
    void answerOutsideTheContractIsABadGateway() {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register("ymt:member:140000", wm.baseUrl() + "/m140000", key, "14");
        wm.stubFor(post(urlEqualTo("/m140000/member/v1/verifications")).willReturn(okJson("{\"status\":\"PURPLE\"}")));

        asCaller().body(verificationRequest(code(key, "ymt:member:140000", "140105")))
                .when().post("/v1/verifications")
                .then().statusCode(502)
                .body("type", Matchers.endsWith("/member-bad-answer"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void aCodeItsIssuerRevokedIsAnsweredRevokedWithoutAskingTheHome() {
        String code = code(SHANGHAI_KEY, SHANGHAI, "310104");
        Federation.asMember(SHANGHAI_KEY, SHANGHAI).body("""
                {"kind":"CODE","jti":"%s","issuer":"%s","expiresAt":"%s","reason":"LOST_DEVICE"}"""
                .formatted(Federation.jti(code), SHANGHAI, java.time.Instant.now().plusSeconds(120)))
                .when().post("/v1/revocations").then().statusCode(204);

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("UNKNOWN"))
                .body("reason", Matchers.equalTo("REVOKED"))
                .body("source", Matchers.equalTo("NONE"));
        wm.verify(0, postRequestedFor(urlEqualTo(SHANGHAI_API)));
    }
}

package org.yimatong.hub.appeals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.endsWith;
import static org.yimatong.hub.appeals.AppealFixtures.acknowledged;
import static org.yimatong.hub.appeals.AppealFixtures.appeal;
import static org.yimatong.hub.appeals.AppealFixtures.filedAtHub;
import static org.yimatong.hub.memberapi.Federation.CALLER;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.asMember;

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
class AppealsAreFiledWithTheHomePlatformTest {

    private static final String SHANGHAI_INTAKE = "/m310000/member/v1/appeals";

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void appealIsForwardedToTheHomePlatformOfItsRegion() {
        wm.stubFor(post(urlEqualTo(SHANGHAI_INTAKE)).willReturn(acknowledged("SH-2026-42")));

        String id = asCaller().body(appeal("310104")).when().post("/v1/appeals")
                .then().statusCode(201)
                .header("Location", Matchers.containsString("/v1/appeals/"))
                .body("state", Matchers.equalTo("FORWARDED"))
                .body("home", Matchers.equalTo(SHANGHAI))
                .body("filedBy", Matchers.equalTo(CALLER))
                .body("homeReference", Matchers.equalTo("SH-2026-42"))
                .extract().path("id");

        wm.verify(1, postRequestedFor(urlEqualTo(SHANGHAI_INTAKE))
                .withHeader("Ymt-Appeal-Id", equalTo(id))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withRequestBody(containing("Quarantine ended")));
    }

    @Test
    void appealToAHomeThatIsDownIsKeptAsReceived() {
        TestMembers.register("ymt:member:130000", wm.baseUrl() + "/m130000", Jwk.generate(SignatureProfile.SM2), "13");
        wm.stubFor(post(urlEqualTo("/m130000/member/v1/appeals")).willReturn(aResponse().withStatus(503)));

        asCaller().body(appeal("130102")).when().post("/v1/appeals")
                .then().statusCode(201)
                .body("state", Matchers.equalTo("RECEIVED"));
    }

    @Test
    void appealOutsideTheSubtreeGoesToTheParent() {
        String parentApi = FakeFederation.PARENT_PATH + "/v1/appeals";
        wm.stubFor(post(urlEqualTo(parentApi)).willReturn(filedAtHub("P-9", "ymt:member:440000", "ymt:hub:test")));

        asCaller().body(appeal("440305")).when().post("/v1/appeals")
                .then().statusCode(201)
                .body("state", Matchers.equalTo("FORWARDED"))
                .body("home", Matchers.equalTo(FakeFederation.PARENT_ID))
                .body("homeReference", Matchers.equalTo("P-9"));

        wm.verify(1, postRequestedFor(urlEqualTo(parentApi))
                .withHeader("Ymt-Client-Assertion", matching(".+\\..+\\..+"))
                .withHeader("Ymt-Appeal-Id", matching("[A-Za-z0-9_-]{22}")));
    }

    @Test
    void onlyTheAppellantMayReadTheAppeal() {
        wm.stubFor(post(urlEqualTo(SHANGHAI_INTAKE)).willReturn(acknowledged("SH-2026-43")));
        String id = asCaller().body(appeal("310104")).when().post("/v1/appeals").then().statusCode(201)
                .extract().path("id");

        asCaller().when().get("/v1/appeals/" + id)
                .then().statusCode(200)
                .body("id", Matchers.equalTo(id))
                .body("state", Matchers.equalTo("FORWARDED"));
        asMember(SHANGHAI_KEY, SHANGHAI).when().get("/v1/appeals/" + id)
                .then().statusCode(404)
                .body("type", endsWith("/not-found"));
    }

    @Test
    void appealCarryingAnIdNumberIsRefusedAndNotForwarded() {
        String body = appeal("310104").replace("Quarantine ended", "ID 11010519491231002X");

        asCaller().body(body).when().post("/v1/appeals")
                .then().statusCode(400)
                .body("type", endsWith("/validation-failed"));

        wm.verify(0, postRequestedFor(urlEqualTo(SHANGHAI_INTAKE)));
    }
}

package org.yimatong.hub.green;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.LocalDate;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** With {@code live=true} the home platform answers too, through the member client, and a listing still wins. */
@QuarkusTest
class LiveGreenLookupTest {

    private static final String HOME = "ymt:member:530000";
    private static final String DOWN_HOME = "ymt:member:540000";
    private static final String HOME_API = "/m530000/member/v1/green-lookups";

    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Jwk DOWN_KEY = Jwk.generate(SignatureProfile.ES256);

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenTwoHomes() {
        TestMembers.register(HOME, wm.baseUrl() + "/m530000", HOME_KEY, "53");
        TestMembers.register(DOWN_HOME, wm.baseUrl() + "/m540000", DOWN_KEY, "54");
        wm.stubFor(post(urlEqualTo(HOME_API)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Federation.liveAnswer("GREEN", HOME))));
        wm.stubFor(post(urlEqualTo("/m540000/member/v1/green-lookups")).willReturn(aResponse().withStatus(503)));
    }

    @Test
    void theHomesLiveAnswerComesBackWithTheRoutingHeaders() {
        lookup(sub("live-green"), "530101").statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("source", Matchers.equalTo("LIVE"))
                .body("home", Matchers.equalTo(HOME));

        wm.verify(postRequestedFor(urlEqualTo(HOME_API))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withHeader("Ymt-Path", equalTo(HOME + "," + TestMembers.HUB_ID))
                .withRequestBody(containing(sub("live-green"))));
    }

    @Test
    void aListingIsNotSoftenedByTheHomesLiveGreen() {
        ListBatches.upload(HOME_KEY, HOME, "live-" + System.nanoTime(), LocalDate.parse("2026-11-27"),
                List.of(entry(sub("live-listed"), Colour.RED, "530102"))).statusCode(201);

        lookup(sub("live-listed"), "530102").statusCode(200)
                .body("status", Matchers.equalTo("RED"))
                .body("source", Matchers.equalTo("LIST"))
                .body("reason", Matchers.equalTo("LISTED"));
    }

    @Test
    void aHomeThatCannotAnswerGivesUnknownNeverRed() {
        lookup(sub("home-down"), "540101").statusCode(200)
                .body("status", Matchers.equalTo("UNKNOWN"))
                .body("reason", Matchers.equalTo("HOME_UNAVAILABLE"))
                .body("home", Matchers.equalTo(DOWN_HOME));
    }

    private ValidatableResponse lookup(String sub, String rgn) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(HOME_KEY, HOME)).contentType(
                ContentType.JSON)
                .body("{\"sub\":\"" + sub + "\",\"rgn\":\"" + rgn + "\",\"live\":true}")
                .when().post("/v1/green-lookups").then();
    }
}

package org.yimatong.hub.green;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Instant;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Lists are kept at the hub a home platform uploads to. A green lookup without {@code live} for a region served
 * through a child hub, or outside this hub's subtree, is asked where that region's lists are, never answered GREEN
 * from this hub's own (empty) list state (REQ-GREEN-1).
 */
@QuarkusTest
class ListStateThroughTheTreeTest {

    private static final String CHILD_HUB_API = "/east/v1/green-lookups";
    private static final String PARENT_API = FakeFederation.PARENT_PATH + "/v1/green-lookups";

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenAChildHubAndAParent() {
        wm.resetAll();
        Federation.registerMembers(wm);
        Federation.registerChildHub(wm);
    }

    @Test
    void aRegionUnderAChildHubIsLookedUpInTheChildHubsListState() {
        wm.stubFor(post(urlEqualTo(CHILD_HUB_API)).willReturn(listAnswer("RED", "ymt:member:410000", "LISTED")));

        lookup(sub("listed-under-east"), "410102").statusCode(200)
                .body("status", Matchers.equalTo("RED")).body("source", Matchers.equalTo("LIST"))
                .body("home", Matchers.equalTo("ymt:member:410000"));

        wm.verify(postRequestedFor(urlEqualTo(CHILD_HUB_API))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withHeader("Ymt-Client-Assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .withRequestBody(containing(sub("listed-under-east")))
                .withRequestBody(notContaining("\"live\":true")));
    }

    @Test
    void aRegionOutsideTheSubtreeIsLookedUpAtTheParent() {
        wm.stubFor(post(urlEqualTo(PARENT_API)).willReturn(listAnswer("YELLOW", "ymt:member:710000", "LISTED")));

        lookup(sub("listed-far-away"), "710101").statusCode(200)
                .body("status", Matchers.equalTo("YELLOW")).body("home", Matchers.equalTo("ymt:member:710000"));

        wm.verify(1, postRequestedFor(urlEqualTo(PARENT_API)).withRequestBody(containing(sub("listed-far-away"))));
    }

    @Test
    void aChildHubThatCannotAnswerGivesUnknownNeverGreen() {
        wm.stubFor(post(urlEqualTo(CHILD_HUB_API)).willReturn(aResponse().withStatus(503)));

        lookup(sub("east-down"), "410103").statusCode(200)
                .body("status", Matchers.equalTo("UNKNOWN")).body("reason", Matchers.equalTo("HOME_UNAVAILABLE"));
    }

    @Test
    void aRegionOfAPlatformAttachedHereIsAnsweredFromThisHubsListStateAlone() {
        lookup(sub("never-listed-in-shaanxi"), "610101").statusCode(200)
                .body("status", Matchers.equalTo("GREEN")).body("source", Matchers.equalTo("LIST"))
                .body("home", Matchers.equalTo(Federation.CALLER));

        wm.verify(0, postRequestedFor(urlEqualTo(CHILD_HUB_API)));
        wm.verify(0, postRequestedFor(urlEqualTo(PARENT_API)));
    }

    private static ValidatableResponse lookup(String sub, String rgn) {
        return Federation.asCaller().body("{\"sub\":\"" + sub + "\",\"rgn\":\"" + rgn + "\"}")
                .when().post("/v1/green-lookups").then();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder listAnswer(String status,
            String home, String reason) {
        Instant now = Instant.now();
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"status":"%s","source":"LIST","home":"%s","checkedAt":"%s","validUntil":"%s","reason":"%s"}"""
                .formatted(status, home, now, now.plusSeconds(3600), reason));
    }
}

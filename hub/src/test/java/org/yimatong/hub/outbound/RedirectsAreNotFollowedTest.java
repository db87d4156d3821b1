package org.yimatong.hub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.registry.KeySetFetcher;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

/** The hub's one outbound client never follows a redirect: not for a key set, not for a list-change callback. */
@QuarkusTest
class RedirectsAreNotFollowedTest {

    @InjectFederation
    WireMockServer wm;

    @Inject
    KeySetFetcher fetcher;

    @Test
    void aKeySetUrlThatRedirectsIsRefusedAndTheTargetNeverAsked() {
        wm.stubFor(get(urlEqualTo("/moved/jwks")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", wm.baseUrl() + "/elsewhere/jwks")));
        wm.stubFor(get(urlEqualTo("/elsewhere/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(Jwk.generate(SignatureProfile.SM2).publicOnly())).toJson().toString())));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> fetcher.fetch(URI.create(wm.baseUrl() + "/moved/jwks")).await().indefinitely());

        assertEquals(ProblemType.MEMBER_BAD_ANSWER, refused.type());
        wm.verify(0, getRequestedFor(urlEqualTo("/elsewhere/jwks")));
    }

    @Test
    void aCallbackTargetAnswering303IsRetriedButTheRedirectNeverFollowed() {
        String member = "ymt:member:521600";
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register(member, wm.baseUrl() + "/m5216", key, "5216");
        wm.stubFor(post(urlEqualTo("/m5216/list-changes")).willReturn(aResponse().withStatus(303)
                .withHeader("Location", wm.baseUrl() + "/elsewhere/list-changes")));
        wm.stubFor(post(urlEqualTo("/elsewhere/list-changes")).willReturn(aResponse().withStatus(204)));
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, member)).contentType("application/json")
                .body("{\"callbackUrl\":\"" + wm.baseUrl() + "/m5216/list-changes\",\"regionPrefixes\":[\"5216\"]}")
                .when().post("/v1/lists/subscriptions").then().statusCode(201);

        ListBatches.upload(key, member, "redirect-1", LocalDate.now(),
                List.of(ListBatches.entry(ListBatches.sub("redirected"), Colour.RED, "521601"))).statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> wm.findAll(
                postRequestedFor(urlEqualTo("/m5216/list-changes"))).size() >= 2);
        wm.verify(0, postRequestedFor(urlEqualTo("/elsewhere/list-changes")));
    }
}

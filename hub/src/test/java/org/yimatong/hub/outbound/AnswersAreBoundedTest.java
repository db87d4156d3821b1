package org.yimatong.hub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.registry.KeySetFetcher;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A peer that answers without end costs the hub at most ymt.outbound.max-answer-bytes (4 MiB), then a 502; one
 * that drips its answer is cut off at the deadline.
 */
@QuarkusTest
class AnswersAreBoundedTest {

    private static final String ENDLESS = "{\"status\":\"GREEN\",\"padding\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

    @InjectFederation
    WireMockServer wm;

    @Inject
    KeySetFetcher fetcher;

    @BeforeEach
    void givenTheFederation() {
        Federation.registerMembers(wm);
    }

    @Test
    void aHomeAnsweringMoreThanTheLimitIsABadAnswer() {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register("ymt:member:540000", wm.baseUrl() + "/m540000", key, "54");
        // chunked: no Content-Length to refuse by, only the bytes as they come
        wm.stubFor(post(urlEqualTo("/m540000/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Transfer-Encoding", "chunked")
                .withBody(ENDLESS)));

        asCaller().body(verificationRequest(code(key, "ymt:member:540000", "540102")))
                .when().post("/v1/verifications")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", endsWith("/member-bad-answer"))
                .body("detail", containsString("longer than"));
    }

    @Test
    void aKeySetDrippedSlowerThanTheDeadlineIsCutOff() {
        // a byte now and then: never idle for the 2 s between reads, but 20 s for the whole answer
        wm.stubFor(get(urlEqualTo("/slow/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(Jwk.generate(SignatureProfile.SM2).publicOnly())).toJson().toString())
                .withChunkedDribbleDelay(40, 20_000)));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> fetcher.fetch(URI.create(wm.baseUrl() + "/slow/jwks")).await().atMost(Duration.ofSeconds(15)));

        assertEquals(ProblemType.MEMBER_TIMEOUT, refused.type());
    }

    @Test
    void aKeySetLongerThanTheLimitIsRefused() {
        wm.stubFor(get(urlEqualTo("/huge/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ENDLESS)));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> fetcher.fetch(URI.create(wm.baseUrl() + "/huge/jwks")).await().indefinitely());

        assertEquals(ProblemType.MEMBER_BAD_ANSWER, refused.type());
        assertTrue(refused.getMessage().contains("longer than"), refused.getMessage());
    }
}

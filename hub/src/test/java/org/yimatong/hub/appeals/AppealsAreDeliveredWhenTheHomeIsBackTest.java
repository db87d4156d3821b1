package org.yimatong.hub.appeals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.appeals.AppealFixtures.acknowledged;
import static org.yimatong.hub.appeals.AppealFixtures.appeal;
import static org.yimatong.hub.memberapi.Federation.asCaller;

import java.time.Duration;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.database.Redelivery;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * REQ-APL-2: an appeal filed while its home is down is not lost. It stays RECEIVED, is tried again with back-off
 * (by whichever instance claims it first) and goes FORWARDED, exactly once, when the home answers again.
 */
@QuarkusTest
class AppealsAreDeliveredWhenTheHomeIsBackTest {

    private static final String INTAKE = "/m770000/member/v1/appeals";
    // a home of its own for the second test: each member has its own breaker, which repeated failures would open
    private static final String OTHER_INTAKE = "/m780000/member/v1/appeals";

    @InjectFederation
    WireMockServer wm;

    @Inject
    Appeals appeals;

    @Inject
    TestClock clock;

    @BeforeEach
    void aHomeThatIsDown() {
        wm.resetAll();
        Federation.registerMembers(wm);
        TestMembers.register("ymt:member:770000", wm.baseUrl() + "/m770000", Jwk.generate(SignatureProfile.SM2), "77");
        TestMembers.register("ymt:member:780000", wm.baseUrl() + "/m780000", Jwk.generate(SignatureProfile.SM2), "78");
        wm.stubFor(post(urlEqualTo(INTAKE)).willReturn(aResponse().withStatus(503)));
        wm.stubFor(post(urlEqualTo(OTHER_INTAKE)).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAppealFiledWhileTheHomeIsDownIsForwardedOnceItIsBack() {
        String id = asCaller().body(appeal("770102")).when().post("/v1/appeals")
                .then().statusCode(201).body("state", Matchers.equalTo("RECEIVED")).extract().path("id");
        wm.verify(1, postRequestedFor(urlEqualTo(INTAKE)));

        assertEquals(0, redeliver(), "nothing is due before the back-off");
        wm.verify(1, postRequestedFor(urlEqualTo(INTAKE)));

        wm.stubFor(post(urlEqualTo(INTAKE)).willReturn(acknowledged("HB-77")));
        clock.advance(Redelivery.FIRST_RETRY.plusSeconds(1));
        assertEquals(1, redeliver());

        asCaller().when().get("/v1/appeals/" + id).then().statusCode(200)
                .body("state", Matchers.equalTo("FORWARDED"))
                .body("homeReference", Matchers.equalTo("HB-77"));
        wm.verify(2, postRequestedFor(urlEqualTo(INTAKE)));
        // both attempts are the same appeal
        wm.verify(2, postRequestedFor(urlEqualTo(INTAKE)).withHeader("Ymt-Appeal-Id", equalTo(id))
                .withHeader("Ymt-Hop", equalTo("7")).withRequestBody(containing("Quarantine ended")));

        clock.advance(Duration.ofHours(2));
        assertEquals(0, redeliver(), "a forwarded appeal is never sent again");
        wm.verify(2, postRequestedFor(urlEqualTo(INTAKE)));
    }

    @Test
    void aDueAppealIsClaimedByOneRoundAtATimeAndWaitsLongerAfterEachFailure() {
        asCaller().body(appeal("780103")).when().post("/v1/appeals").then().statusCode(201);
        wm.verify(1, postRequestedFor(urlEqualTo(OTHER_INTAKE)));
        clock.advance(Redelivery.FIRST_RETRY.plusSeconds(1));

        // two rounds at once, as two instances would run them: one claims it, the other finds nothing due
        Uni.join().all(appeals.redeliverDue(), appeals.redeliverDue()).andFailFast().await()
                .atMost(Duration.ofSeconds(10));
        wm.verify(2, postRequestedFor(urlEqualTo(OTHER_INTAKE)));

        // failed twice now: the next attempt waits twice the first back-off
        clock.advance(Redelivery.FIRST_RETRY.plusSeconds(1));
        assertEquals(0, redeliver());
        wm.verify(2, postRequestedFor(urlEqualTo(OTHER_INTAKE)));
        clock.advance(Redelivery.FIRST_RETRY);
        redeliver();
        wm.verify(3, postRequestedFor(urlEqualTo(OTHER_INTAKE)));
    }

    @Test
    void theBackOffDoublesUpToAnHour() {
        assertEquals(Duration.ofSeconds(15), Redelivery.backoff(1));
        assertEquals(Duration.ofSeconds(30), Redelivery.backoff(2));
        assertEquals(Duration.ofSeconds(60), Redelivery.backoff(3));
        assertEquals(Duration.ofHours(1), Redelivery.backoff(40));
    }

    private int redeliver() {
        return appeals.redeliverDue().await().atMost(Duration.ofSeconds(10));
    }
}

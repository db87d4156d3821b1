package org.yimatong.hub.verification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.CALLER;
import static org.yimatong.hub.memberapi.Federation.CALLER_KEY;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.jose.ClientAssertion;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** Bad requests are refused with a problem before anything is audited, stored or sent to a member. */
@QuarkusTest
class BadVerificationRequestsChangeNothingTest {

    @InjectFederation
    WireMockServer wm;

    @Inject
    Pool pool;

    private long auditEventsBefore;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
        auditEventsBefore = auditEvents();
    }

    @Test
    void malformedJsonIsRefused() {
        asCaller().body("{\"code\": ").when().post("/v1/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/malformed-request"));
        nothingHappened();
    }

    @Test
    void missingFieldsAreAllNamed() {
        asCaller().body("{\"purpose\":\"entry\"}").when().post("/v1/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("errors.pointer", containsInAnyOrder("/code", "/checkpoint"));
        nothingHappened();
    }

    @Test
    void aBodyOver64KiBIsRefusedUnread() {
        String padded = "{\"purpose\":\"" + "x".repeat(70 * 1024) + "\"}";
        asCaller().body(padded).when().post("/v1/verifications")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/payload-too-large"));
        nothingHappened();
    }

    @Test
    void anExpiredClientAssertionIsRefused() {
        assertionRefused(ClientAssertion.sign(CALLER_KEY, CALLER, TestMembers.HUB_ID, Instant.now().minusSeconds(300)));
    }

    @Test
    void aClientAssertionForAnotherHubIsRefused() {
        assertionRefused(ClientAssertion.sign(CALLER_KEY, CALLER, "ymt:hub:elsewhere", Instant.now()));
    }

    @Test
    void aReplayedClientAssertionIsRefused() {
        String assertion = TestMembers.assertion(CALLER_KEY, CALLER);
        given().header(ClientAssertion.HEADER, assertion).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/verifications").then().statusCode(400);

        assertionRefused(assertion);
    }

    @Test
    void aCallerThatIsNoMemberIsRefused() {
        assertionRefused(ClientAssertion.sign(SHANGHAI_KEY, "ymt:member:990000", TestMembers.HUB_ID, Instant.now()));
    }

    private void assertionRefused(String assertion) {
        given().header(ClientAssertion.HEADER, assertion).contentType(ContentType.JSON)
                .body(verificationRequest(code(SHANGHAI_KEY, SHANGHAI, "310104")))
                .when().post("/v1/verifications")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/invalid-client-assertion"));
        nothingHappened();
    }

    private void nothingHappened() {
        assertEquals(auditEventsBefore, auditEvents(), "a refused request was audited as a verification");
        Federation.noVerificationForwarded(wm);
    }

    private long auditEvents() {
        return pool.query("select count(*) from audit_event").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }
}

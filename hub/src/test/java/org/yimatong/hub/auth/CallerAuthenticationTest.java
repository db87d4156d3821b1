package org.yimatong.hub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsSigner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/** Authentication of members, seen through an endpoint that requires it ({@code GET /v1/audit}). */
@QuarkusTest
class CallerAuthenticationTest {

    private static final String MEMBER = "ymt:member:210000";
    private static final String INVALID = "https://yimatong.org/problems/invalid-client-assertion";

    private final Jwk key = Jwk.generate(SignatureProfile.ES256);

    @BeforeEach
    void registerTheMember() {
        TestMembers.register(MEMBER, "http://localhost:9/ln", key, "21");
    }

    @Test
    void aFreshAssertionSignedByTheMembersKeyIsAccepted() {
        given().header(ClientAssertion.HEADER, TestMembers.assertion(key, MEMBER))
                .when().get("/v1/audit").then().statusCode(200);
    }

    @Test
    void anUnknownAuditActionIsAProblemNamingTheKnownOnes() {
        given().header(ClientAssertion.HEADER, TestMembers.assertion(key, MEMBER)).queryParam("action", "VERIFY")
                .when().get("/v1/audit").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("errors[0].pointer", equalTo("/action"));
        given().header(ClientAssertion.HEADER, TestMembers.assertion(key, MEMBER)).queryParam("action", "VERIFICATION")
                .when().get("/v1/audit").then().statusCode(200);
    }

    @Test
    void noCredentialAtAllIsUnauthenticated() {
        given().when().get("/v1/audit").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/unauthenticated"));
    }

    @Test
    void aMemberIsNotAnOperatorAndAnOperatorIsNotAMember() {
        given().header(ClientAssertion.HEADER, TestMembers.assertion(key, MEMBER))
                .when().get("/v1/admin/members").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/forbidden"));
        given().header("Authorization", TestMembers.ADMIN)
                .when().get("/v1/audit").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/forbidden"));
        // neither the admin token nor a session of this hub
        given().header("Authorization", "Bearer not-the-admin-token")
                .when().get("/v1/admin/members").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/unauthenticated"));
    }

    @Test
    void aHostileJtiFailsAloneWhileHonestCallersAreServed() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(9);
        try {
            List<Future<Integer>> honest = new ArrayList<>();
            List<Future<Integer>> hostile = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                honest.add(callers.submit(() -> given().header(ClientAssertion.HEADER, TestMembers.assertion(key,
                        MEMBER))
                        .when().get("/v1/audit").then().extract().statusCode()));
                if (i % 4 == 0) {
                    hostile.add(callers.submit(() -> given().header(ClientAssertion.HEADER, withJti("bad\u0000jti-"
                            + Math.random()))
                            .when().get("/v1/audit").then().extract().statusCode()));
                }
            }
            for (Future<Integer> h : hostile) {
                assertEquals(401, h.get(60, TimeUnit.SECONDS));
            }
            for (Future<Integer> h : honest) {
                assertEquals(200, h.get(60, TimeUnit.SECONDS), "an honest caller was refused");
            }
        } finally {
            callers.shutdownNow();
        }
        given().header(ClientAssertion.HEADER, withJti("x".repeat(129))).when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(INVALID));
    }

    /** A correctly signed assertion of the member whose jti is {@code jti}. */
    private String withJti(String jti) {
        Instant now = Instant.now();
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("iss", MEMBER).put("sub", MEMBER)
                .put("aud", TestMembers.HUB_ID).put("jti", jti).put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(30).getEpochSecond());
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anExpiredAssertionIsRefused() {
        String expired = ClientAssertion.sign(key, MEMBER, TestMembers.HUB_ID, Instant.now().minusSeconds(200));
        given().header(ClientAssertion.HEADER, expired).when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(INVALID));
    }

    @Test
    void anAssertionForAnotherHubIsRefused() {
        String elsewhere = ClientAssertion.sign(key, MEMBER, "ymt:hub:other", Instant.now());
        given().header(ClientAssertion.HEADER, elsewhere).when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(INVALID));
    }

    @Test
    void aReplayedAssertionIsRefusedTheSecondTime() {
        String once = TestMembers.assertion(key, MEMBER);
        given().header(ClientAssertion.HEADER, once).when().get("/v1/audit").then().statusCode(200);
        given().header(ClientAssertion.HEADER, once).when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(INVALID));
    }

    @Test
    void theSameAssertionSentManyTimesAtOnceIsAcceptedExactlyOnce() throws Exception {
        String once = TestMembers.assertion(key, MEMBER);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(callers.submit(() -> given().header(ClientAssertion.HEADER, once)
                        .when().get("/v1/audit").then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
            assertEquals(15, statuses.stream().filter(s -> s == 401).count(), statuses::toString);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anAssertionSignedWithAKeyOutsideTheMembersSetIsRefused() {
        Jwk stranger = Jwk.generate(SignatureProfile.ES256);
        given().header(ClientAssertion.HEADER, TestMembers.assertion(stranger, MEMBER))
                .when().get("/v1/audit").then().statusCode(401).body("type", equalTo(INVALID));
    }

    @Test
    void garbageInTheHeaderIsRefusedNotAServerError() {
        given().header(ClientAssertion.HEADER, "not.a.jws").when().get("/v1/audit").then().statusCode(401);
        given().header(ClientAssertion.HEADER, "%%%").when().get("/v1/audit").then().statusCode(401);
    }

    @Test
    void aSuspendedMemberIsForbiddenEvenWithAValidAssertion() {
        Jwk suspendedKey = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register("ymt:member:220000", "PLATFORM", "http://localhost:9/jl", suspendedKey, "SUSPENDED", "22");

        given().header(ClientAssertion.HEADER, TestMembers.assertion(suspendedKey, "ymt:member:220000"))
                .when().get("/v1/audit").then().statusCode(403)
                .body("type", equalTo("https://yimatong.org/problems/member-suspended"));
    }
}

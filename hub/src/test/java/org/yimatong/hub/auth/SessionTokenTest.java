package org.yimatong.hub.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Sessions for callers (REQ-AUTH-2): one client assertion buys a Bearer token good for every call until it
 * expires; expired, forged, revoked or a suspended member's tokens are refused.
 */
@QuarkusTest
class SessionTokenTest {

    private static final String MEMBER = "ymt:member:280100";
    private static final String UNAUTHENTICATED = "https://yimatong.org/problems/unauthenticated";

    private final Jwk key = Jwk.generate(SignatureProfile.ES256);

    @Inject
    TestClock clock;

    @BeforeEach
    void member() {
        TestMembers.register(MEMBER, "http://localhost:9/s2801", key, "2801");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void oneAssertionBuysASessionForManyCallsUntilItExpires() {
        String token = session();

        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/v1/audit").then().statusCode(200);
        }
        clock.advance(Duration.ofMinutes(6));
        given().header("Authorization", "Bearer " + token).when().get("/v1/audit").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo(UNAUTHENTICATED));
    }

    @Test
    void aForgedOrForeignBearerTokenIsRefused() {
        String token = session();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.')
                + 5);
        given().header("Authorization", "Bearer " + forged).when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(UNAUTHENTICATED));
        // a client assertion is not a session token
        given().header("Authorization", "Bearer " + TestMembers.assertion(key, MEMBER)).when().get("/v1/audit").then()
                .statusCode(401).body("type", equalTo(UNAUTHENTICATED));
        given().header("Authorization", "Basic abc").when().get("/v1/audit").then().statusCode(401)
                .body("type", equalTo(UNAUTHENTICATED));
    }

    @Test
    void aSuspendedMembersSessionIsRefusedAtOnce() {
        String token = session();
        TestMembers.register(MEMBER, "PLATFORM", "http://localhost:9/s2801", key, "SUSPENDED", "2801");
        try {
            given().header("Authorization", "Bearer " + token).when().get("/v1/audit").then().statusCode(403)
                    .body("type", equalTo("https://yimatong.org/problems/member-suspended"));
        } finally {
            TestMembers.register(MEMBER, "http://localhost:9/s2801", key, "2801");
        }
    }

    @Test
    void aSessionRequestCarryingASubjectTokenIsRefused() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("subject_token", "a.b.c")
                .formParam("client_assertion_type", ClientAssertion.FORM_TYPE)
                .formParam("client_assertion", TestMembers.assertion(key, MEMBER))
                .when().post("/v1/token").then().statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void aSessionAuthenticatesTheClientAtIntrospectionButNeverBuysAnotherSession() {
        String token = session();

        given().header("Authorization", "Bearer " + token).contentType(ContentType.URLENC)
                .formParam("token", "not-a-token").when().post("/v1/introspect").then().statusCode(200)
                .body("active", equalTo(false));
        given().header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA")
                .contentType(ContentType.URLENC).formParam("token", "not-a-token").when().post("/v1/introspect")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").when().post("/v1/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aSessionIsSignedEs256() throws Exception {
        String header = new String(java.util.Base64.getUrlDecoder().decode(session().split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8);

        org.junit.jupiter.api.Assertions.assertEquals("ES256",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(header).path("alg").asText(), header);
    }

    private String session() {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_assertion_type", ClientAssertion.FORM_TYPE)
                .formParam("client_assertion", TestMembers.assertion(key, MEMBER))
                .when().post("/v1/token").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(300))
                .extract().path("access_token");
    }
}

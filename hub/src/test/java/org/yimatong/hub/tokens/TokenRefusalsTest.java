package org.yimatong.hub.tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_B;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.tokens.TokenTestKit.Party;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every refusal of {@code POST /v1/token} has its own problem type and its RFC 6749 error. */
@QuarkusTest
class TokenRefusalsTest {

    private static final String PROBLEMS = "https://yimatong.org/problems/";
    private static final WireMockServer MEMBER = new WireMockServer(wireMockConfig().dynamicPort());
    private static final Party A = Party.of("ymt:member:380000", SignatureProfile.ES256);
    private static final Party B = Party.of(DEPT_B, SignatureProfile.SM2);

    @Inject
    TestClock clock;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeAll
    static void startMember() {
        MEMBER.start();
        MEMBER.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(A.key().publicOnly())).toJson().toString())));
    }

    @AfterAll
    static void stopMember() {
        MEMBER.stop();
    }

    @BeforeEach
    void register() {
        TokenTestKit.register(A, "PLATFORM", MEMBER.baseUrl() + "/jwks", "38");
        TokenTestKit.register(B, "PLATFORM", null, "650100");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims().toString()) + ".";

        refused(unsigned, 400, "algorithm-not-allowed", "invalid_request");
    }

    @Test
    void hs256SignedWithTheMembersPublicKeyAsSecretIsRefused() throws Exception {
        String input = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + A.key().kid() + "\"}") + "."
                + encode(claims().toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(A.key().toJson().toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String forged = input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

        refused(forged, 400, "algorithm-key-mismatch", "invalid_request");
    }

    @Test
    void anUnknownKidIsRefusedAfterOneRateLimitedRefresh() {
        Jwk unpublished = Jwk.generate(SignatureProfile.ES256).withKid("380000-unpublished");
        MEMBER.resetRequests();

        refused(TokenTestKit.sign(unpublished, claims()), 400, "unknown-key", "invalid_request");
        refused(TokenTestKit.sign(unpublished, claims()), 400, "unknown-key", "invalid_request");

        MEMBER.verify(1, getRequestedFor(urlEqualTo("/jwks")));
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        String token = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:high", clock.instant());
        clock.advance(Duration.ofMinutes(11)); // valid 10 minutes, 30 s skew

        refused(token, 400, "code-expired", "invalid_request");
    }

    @Test
    void anIdTokenIssuedInTheFutureIsRefused() {
        String token = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:high", clock.instant().plusSeconds(120));

        refused(token, 400, "code-not-yet-valid", "invalid_request");
    }

    @Test
    void anIdTokenForAnotherHubIsRefused() {
        ObjectNode claims = claims();
        claims.put("aud", "ymt:hub:elsewhere");

        refused(TokenTestKit.sign(A.key(), claims), 400, "wrong-audience", "invalid_request");
    }

    @Test
    void anUnknownLevelIsRefused() {
        ObjectNode claims = claims();
        claims.put("acr", "urn:ymt:loa:extreme");

        refused(TokenTestKit.sign(A.key(), claims), 400, "unknown-level-of-assurance", "invalid_request");
    }

    @Test
    void aReplayedClientAssertionIsRefused() {
        String assertion = B.assertion(clock.instant());
        String token = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:high", clock.instant());
        post(token, assertion).statusCode(200);

        post(token, assertion).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-client-assertion"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aLevelBelowTheAudiencesMinimumGetsAnRfc9470Challenge() {
        String basic = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:basic", clock.instant());

        refused(basic, 401, "insufficient-user-authentication", "insufficient_user_authentication")
                .header("WWW-Authenticate", equalTo("Bearer error=\"insufficient_user_authentication\","
                        + " error_description=\"A different authentication level is required\","
                        + " acr_values=\"urn:ymt:loa:substantial\""))
                .body("acr_values", equalTo("urn:ymt:loa:substantial"));
    }

    @Test
    void anActorTokenCannotRaiseTheLevel() {
        // a basic subject with a high actor would be substantial enough only if the actor raised the level
        String basicChild = TokenTestKit.idTokenActedForBy(A, "child", "urn:ymt:loa:basic", clock.instant(),
                "parent");
        String highParent = TokenTestKit.idToken(A, "parent", "urn:ymt:loa:high", clock.instant());

        TokenTestKit.exchange(B, basicChild, clock.instant(), "actor_token", highParent, "actor_token_type",
                TokenTestKit.ID_TOKEN)
                .then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "insufficient-user-authentication"))
                .body("error", equalTo("insufficient_user_authentication"))
                .header("WWW-Authenticate", not(nullValue()));
    }

    @Test
    void anotherClientCannotObtainTokensForADepartment() {
        Party stranger = Party.of("ymt:member:650999", SignatureProfile.ES256);
        TokenTestKit.register(stranger, "PLATFORM", null, "650999");
        String token = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:high", clock.instant());

        TokenTestKit.exchange(stranger, token, clock.instant(), "audience", DEPT_B)
                .then().statusCode(400).body("error", equalTo("invalid_target"));
    }

    @Test
    void aRefusedExchangeLeavesAnAuditEventNamingTheProblem() {
        ObjectNode claims = claims();
        claims.put("aud", "ymt:hub:elsewhere");
        claims.put("jti", "audited-refusal-" + System.nanoTime());
        long before = count("PROBLEM:wrong-audience");

        refused(TokenTestKit.sign(A.key(), claims), 400, "wrong-audience", "invalid_request");

        org.junit.jupiter.api.Assertions.assertEquals(before + 1, count("PROBLEM:wrong-audience"));
    }

    private long count(String outcome) {
        return pool.preparedQuery("select count(*) from audit_event where action = 'TOKEN_EXCHANGE' and actor = $1"
                + " and outcome = $2").execute(io.vertx.mutiny.sqlclient.Tuple.of(DEPT_B, outcome))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private ValidatableResponse refused(String subjectToken, int status, String slug, String error) {
        return TokenTestKit.exchange(B, subjectToken, clock.instant()).then().statusCode(status)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("type", equalTo(PROBLEMS + slug))
                .body("error", equalTo(error))
                .body("error_description", not(nullValue()));
    }

    private ValidatableResponse post(String subjectToken, String assertion) {
        return io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", TokenTestKit.TOKEN_EXCHANGE)
                .formParam("subject_token", subjectToken)
                .formParam("subject_token_type", TokenTestKit.ID_TOKEN)
                .formParam("audience", DEPT_B)
                .formParam("client_assertion_type", TokenTestKit.JWT_BEARER)
                .formParam("client_assertion", assertion)
                .when().post("/v1/token").then();
    }

    private ObjectNode claims() {
        return TokenTestKit.idClaims(A.id(), "alice", "urn:ymt:loa:high", clock.instant());
    }

    private static String encode(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }
}

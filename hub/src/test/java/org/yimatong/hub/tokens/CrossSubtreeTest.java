package org.yimatong.hub.tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_B;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.tokens.TokenTestKit.Party;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.tokens.pairwise.PairwiseSubjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;

/**
 * An ID token from outside this hub's subtree: the hub routes its validation to the parent (WireMock) with its own
 * client assertion and the routing headers, and acts on the answer. And the other direction: the hub, asked by a
 * child hub, validates an ID token of its own member.
 */
@QuarkusTest
class CrossSubtreeTest {

    /** Guangdong: not a member of the test hub, so its tokens are validated elsewhere in the tree. */
    private static final Party FAR = Party.of("ymt:member:440000", SignatureProfile.SM2);
    private static final Party NEAR = Party.of("ymt:member:420000", SignatureProfile.ES256);
    private static final Party B = Party.of(DEPT_B, SignatureProfile.ES256);
    private static final Party CHILD_HUB = Party.of("ymt:hub:child-test", SignatureProfile.ES256);

    @Inject
    TestClock clock;

    @Inject
    PairwiseSubjects pairwise;

    private final WireMock parent = ParentHubMock.client();

    @BeforeEach
    void register() {
        TokenTestKit.register(B, "PLATFORM", null, "650100");
        TokenTestKit.register(NEAR, "PLATFORM", null, "42");
        TokenTestKit.register(CHILD_HUB, "HUB", null, "43");
        parent.resetRequests();
        parent.resetMappings();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aTokenFromAnotherSubtreeIsValidatedByTheParentAndExchanged() throws Exception {
        // given an ID token of Guangdong, and a parent that vouches for it
        Instant now = clock.instant();
        String idToken = TokenTestKit.idToken(FAR, "gina", "urn:ymt:loa:substantial", now);
        parent.register(post("/v1/introspect").withRequestBody(containing("token=" + encoded(idToken)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"active":true,"iss":"%s","sub":"gina","acr":"urn:ymt:loa:substantial","auth_time":%d,
                         "iat":%d,"exp":%d,"jti":"far-1"}""".formatted(FAR.id(), now.getEpochSecond() - 60,
                        now.getEpochSecond(), now.getEpochSecond() + 600))));

        // when department B exchanges it
        String token = TokenTestKit.exchange(B, idToken, now).then().statusCode(200).extract().path("access_token");

        // then the hub token names Guangdong as home, with B's pairwise subject
        JsonNode claims = TokenExchangeFlowTest.claims(token);
        assertEquals(FAR.id(), claims.get("home").textValue());
        assertEquals(pairwise.subject(FAR.id(), "gina", DEPT_B), claims.get("sub").textValue());
        assertEquals("urn:ymt:loa:substantial", claims.get("acr").textValue());
        // and the parent was asked once, by this hub, with the routing headers
        List<LoggedRequest> asked = parent.find(postRequestedFor(urlEqualTo("/v1/introspect")));
        assertEquals(1, asked.size());
        LoggedRequest request = asked.get(0);
        assertEquals("7", request.getHeader("Ymt-Hop"));
        assertEquals(TokenTestKit.HUB, request.getHeader("Ymt-Path"));
        String form = request.getBodyAsString();
        assertTrue(form.contains("token_type_hint=id_token"));
        assertTrue(form.contains("client_assertion_type=" + encoded(TokenTestKit.JWT_BEARER)));
        assertTrue(form.contains("client_assertion="));
    }

    @Test
    void anInactiveAnswerFromTheParentIsARefusal() {
        String idToken = TokenTestKit.idToken(FAR, "hank", "urn:ymt:loa:high", clock.instant());
        parent.register(post("/v1/introspect").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"active\":false}")));

        TokenTestKit.exchange(B, idToken, clock.instant()).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("https://yimatong.org/problems/forbidden"))
                .body("error", org.hamcrest.Matchers.equalTo("invalid_request"));
    }

    @Test
    void theParentsAnswerCannotRaiseTheLevelAboveTheAudiencesMinimum() {
        String idToken = TokenTestKit.idToken(FAR, "ivy", "urn:ymt:loa:basic", clock.instant());
        parent.register(post("/v1/introspect").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("""
                        {"active":true,"iss":"%s","sub":"ivy","acr":"urn:ymt:loa:basic","auth_time":%d,"exp":%d}"""
                        .formatted(FAR.id(), clock.instant().getEpochSecond(), clock.instant().getEpochSecond()
                                + 60))));

        TokenTestKit.exchange(B, idToken, clock.instant()).then().statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("insufficient_user_authentication"));
    }

    @Test
    void aParentThatFailsIsABadGatewayNotARefusalOfThePerson() {
        parent.register(post("/v1/introspect").willReturn(aResponse().withStatus(500)));

        TokenTestKit.exchange(B, TokenTestKit.idToken(FAR, "jack", "urn:ymt:loa:high", clock.instant()),
                clock.instant()).then().statusCode(502)
                .body("type", org.hamcrest.Matchers.equalTo("https://yimatong.org/problems/member-bad-answer"));
    }

    @Test
    void aChildHubHasAnIdTokenOfThisHubsMemberValidatedHere() {
        // given an exchange that began at the child hub, for an ID token naming the child hub as audience
        com.fasterxml.jackson.databind.node.ObjectNode claims = TokenTestKit.idClaims(NEAR.id(), "kim",
                "urn:ymt:loa:substantial", clock.instant());
        claims.put("aud", CHILD_HUB.id());
        String idToken = TokenTestKit.sign(NEAR.key(), claims);

        // when the child hub routes it up here
        routedUpFromTheChildHub(idToken)
                // then this hub answers with the member's claims
                .then().statusCode(200)
                .body("active", org.hamcrest.Matchers.equalTo(true))
                .body("iss", org.hamcrest.Matchers.equalTo(NEAR.id()))
                .body("sub", org.hamcrest.Matchers.equalTo("kim"))
                .body("acr", org.hamcrest.Matchers.equalTo("urn:ymt:loa:substantial"));
        assertEquals(0, parent.find(postRequestedFor(urlEqualTo("/v1/introspect"))).size());
    }

    @Test
    void aLoginValidatedHereForAnExchangeAtAnotherHubIsInThePersonsAccessLog() {
        // given an ID token of this hub's member naming the person's list pseudonym, for an exchange at the child hub
        String listSub = (java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID()).replace("-", "");
        com.fasterxml.jackson.databind.node.ObjectNode claims = TokenTestKit.idClaims(NEAR.id(), "lee",
                "urn:ymt:loa:basic", clock.instant());
        claims.put("aud", CHILD_HUB.id());
        claims.put("ymt_list_sub", listSub);
        String idToken = TokenTestKit.sign(NEAR.key(), claims);

        // when the child hub routes it up here
        routedUpFromTheChildHub(idToken).then().statusCode(200)
                .body("active", org.hamcrest.Matchers.equalTo(true))
                .body("ymt_list_sub", org.hamcrest.Matchers.nullValue());

        // then the person's home reads who validated their login, and for whom
        io.restassured.RestAssured.given().header(org.yimatong.schemas.jose.ClientAssertion.HEADER,
                org.yimatong.hub.testing.TestMembers.assertion(NEAR.key(), NEAR.id()))
                .when().get("/v1/audit/subjects/" + listSub).then().statusCode(200)
                .body("accesses", org.hamcrest.Matchers.hasSize(1))
                .body("accesses[0].action", org.hamcrest.Matchers.equalTo("INTROSPECTION"))
                .body("accesses[0].by", org.hamcrest.Matchers.equalTo(CHILD_HUB.id()))
                .body("accesses[0].outcome", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void aRoutedRequestThatAlreadyPassedThisHubIsALoop() {
        String idToken = TokenTestKit.idToken(FAR, "lee", "urn:ymt:loa:high", clock.instant());

        io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .header("Ymt-Hop", "6").header("Ymt-Path", TokenTestKit.HUB + "," + CHILD_HUB.id())
                .formParam("token", idToken).formParam("token_type_hint", "id_token")
                .formParam("client_assertion_type", TokenTestKit.JWT_BEARER)
                .formParam("client_assertion", CHILD_HUB.assertion(clock.instant()))
                .when().post("/v1/introspect")
                .then().statusCode(508)
                .body("type", org.hamcrest.Matchers.equalTo("https://yimatong.org/problems/loop-detected"));
        parent.verifyThat(0, postRequestedFor(urlEqualTo("/v1/introspect")).withHeader("Ymt-Hop", equalTo("5")));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The child hub's routed introspection of {@code idToken}, for an exchange that began there. */
    private io.restassured.response.Response routedUpFromTheChildHub(String idToken) {
        return io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .header("Ymt-Hop", "7").header("Ymt-Path", CHILD_HUB.id())
                .formParam("token", idToken).formParam("token_type_hint", "id_token")
                .formParam("client_assertion_type", TokenTestKit.JWT_BEARER)
                .formParam("client_assertion", CHILD_HUB.assertion(clock.instant()))
                .when().post("/v1/introspect");
    }
}

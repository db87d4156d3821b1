package org.yimatong.hub.tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_B;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_E;
import static org.yimatong.hub.tokens.TokenTestKit.HUB;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.hub.tokens.TokenTestKit.Party;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code POST /v1/introspect} (RFC 7662, RFC 9701) and {@code POST /v1/revocations}. */
@QuarkusTest
class IntrospectionTest {

    private static final Party A = Party.of("ymt:member:390000", SignatureProfile.SM2);
    private static final Party B = Party.of(DEPT_B, SignatureProfile.ES256);
    private static final Party E = Party.of(DEPT_E, SignatureProfile.ES256);

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        TokenTestKit.register(A, "PLATFORM", null, "39");
        TokenTestKit.register(B, "PLATFORM", null, "650100");
        TokenTestKit.register(E, "PLATFORM", null, "650200");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theAudienceLearnsWhatAnActiveTokenSays() {
        String token = hubToken("alice");

        TokenTestKit.introspect(B, token, clock.instant(), "application/json").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("iss", equalTo(TokenTestKit.issuer()))
                .body("acr", equalTo("urn:ymt:loa:high"))
                .body("home", equalTo(A.id()));
    }

    @Test
    void aRevokedJtiIsOnlyInactive() throws Exception {
        String token = hubToken("bob");
        JsonNode claims = TokenExchangeFlowTest.claims(token);

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body("{\"kind\":\"TOKEN\",\"jti\":\"" + claims.get("jti").textValue() + "\",\"issuer\":\"" + HUB
                        + "\",\"expiresAt\":\"" + Instant.ofEpochSecond(claims.get("exp").longValue())
                        + "\",\"reason\":\"LOST_DEVICE\"}")
                .when().post("/v1/revocations").then().statusCode(204);

        String answer = TokenTestKit.introspect(B, token, clock.instant(), "application/json").then()
                .statusCode(200).extract().asString();
        assertEquals("{\"active\":false}", answer);
    }

    @Test
    void aMemberMayRevokeOnlyWhatItIssued() {
        String body = "{\"kind\":\"CODE\",\"jti\":\"abcdefghijklmnop\",\"issuer\":\"%s\",\"expiresAt\":\"%s\"}";
        given().header("Ymt-Client-Assertion", A.assertion(clock.instant())).contentType(ContentType.JSON)
                .body(body.formatted(A.id(), clock.instant().plusSeconds(60))).when().post("/v1/revocations")
                .then().statusCode(204);
        given().header("Ymt-Client-Assertion", A.assertion(clock.instant())).contentType(ContentType.JSON)
                .body(body.formatted("ymt:member:310000", clock.instant().plusSeconds(60)))
                .when().post("/v1/revocations").then().statusCode(403);
    }

    @Test
    void aRevocationLivingLongerThanAnyCodeIsRefusedAndNotStored() {
        String body = "{\"kind\":\"CODE\",\"jti\":\"farfarawayjti0001\",\"issuer\":\"%s\",\"expiresAt\":\"%s\"}";
        given().header("Ymt-Client-Assertion", A.assertion(clock.instant())).contentType(ContentType.JSON)
                .body(body.formatted(A.id(), clock.instant().plus(Duration.ofDays(365)))).when()
                .post("/v1/revocations").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation-failed"))
                .body("errors[0].pointer", equalTo("/expiresAt"));

        long stored = pool.preparedQuery("select count(*) from token_revocation where jti = $1")
                .execute(Tuple.of("farfarawayjti0001")).await().indefinitely().iterator()
                .next().getLong(0);
        assertEquals(0, stored);
    }

    @Test
    void anExpiredTokenIsInactiveWithoutWaiting() {
        String token = hubToken("carol");
        clock.advance(Duration.ofMinutes(6));

        assertEquals("{\"active\":false}", TokenTestKit.introspect(B, token, clock.instant(), "application/json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anotherDepartmentCannotIntrospectTheToken() {
        assertEquals("{\"active\":false}", TokenTestKit.introspect(E, hubToken("dave"), clock.instant(),
                "application/json").then().statusCode(200).extract().asString());
    }

    @Test
    void garbageIsInactiveNotAnError() {
        assertEquals("{\"active\":false}", TokenTestKit.introspect(B, "not-a-token-at-all", clock.instant(),
                "application/json").then().statusCode(200).extract().asString());
    }

    @Test
    void aSignedAnswerVerifiesAgainstThePublishedJwksWithOpenssl() throws Exception {
        String token = hubToken("erin");

        String signed = TokenTestKit.introspect(B, token, clock.instant(), "application/token-introspection+jwt")
                .then().statusCode(200).contentType("application/token-introspection+jwt").extract().asString();

        ParsedJws jws = ParsedJws.parseCompact(signed);
        assertEquals("token-introspection+jwt", jws.header().typ());
        assertEquals(0, TokenTestKit.opensslVerifySm2(signed, dir), "OpenSSL refused the signed introspection");
        JsonNode claims = StrictJson.read(jws.payload());
        assertEquals(TokenTestKit.issuer(), claims.get("iss").textValue());
        assertEquals(HUB, claims.get("ymt_entity").textValue());
        assertEquals(DEPT_B, claims.get("aud").textValue());
        assertTrue(claims.get("token_introspection").get("active").booleanValue());
    }

    @Test
    void eachIntrospectionLeavesOneAuditEvent() throws Exception {
        String token = hubToken("frank");
        String jti = TokenExchangeFlowTest.claims(token).get("jti").textValue();

        TokenTestKit.introspect(B, token, clock.instant(), "application/json").then().statusCode(200);

        var rows = pool.preparedQuery("select outcome from audit_event where action = 'INTROSPECTION' and target = $1")
                .execute(Tuple.of(jti)).await().indefinitely();
        assertEquals(1, rows.size());
        assertEquals("ACTIVE", rows.iterator().next().getString("outcome"));
    }

    private String hubToken(String person) {
        return TokenTestKit.exchange(B, TokenTestKit.idToken(A, person, "urn:ymt:loa:high", clock.instant()),
                clock.instant()).then().statusCode(200).extract().path("access_token");
    }
}

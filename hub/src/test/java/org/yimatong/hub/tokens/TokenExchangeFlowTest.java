package org.yimatong.hub.tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_B;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_E;
import static org.yimatong.hub.tokens.TokenTestKit.HUB;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.hub.tokens.TokenTestKit.Party;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.tokens.pairwise.PairwiseSubjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The full single sign-on flow: WireMock plays member A's key set, department B (its own key) exchanges A's ID token,
 * and the hub token verifies against {@code /v1/jwks} with an independent implementation.
 */
@QuarkusTest
class TokenExchangeFlowTest {

    private static final WireMockServer MEMBER_A = new WireMockServer(wireMockConfig().dynamicPort());
    private static final Party A = Party.of("ymt:member:370000", SignatureProfile.SM2);
    private static final Party B = Party.of(DEPT_B, SignatureProfile.ES256);
    private static final Party E = Party.of(DEPT_E, SignatureProfile.EDDSA);
    private static final String CREDIT_CODE = "91330100716105852F";

    @Inject
    PairwiseSubjects pairwise;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMemberA() {
        MEMBER_A.start();
        MEMBER_A.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(A.key().publicOnly())).toJson().toString())));
    }

    @AfterAll
    static void stopMemberA() {
        MEMBER_A.stop();
    }

    @BeforeEach
    void register() {
        TokenTestKit.register(A, "PLATFORM", MEMBER_A.baseUrl() + "/jwks", "37");
        TokenTestKit.register(B, "PLATFORM", null, "650100");
        TokenTestKit.register(E, "PLATFORM", null, "650200");
    }

    @Test
    void departmentGetsAHubTokenThatOpensslVerifiesAgainstThePublishedJwks() throws Exception {
        // given an ID token of A's login service for alice at substantial
        String idToken = TokenTestKit.idToken(A, "alice", "urn:ymt:loa:substantial", clock.instant());

        // when department B exchanges it for itself
        Response response = TokenTestKit.exchange(B, idToken, clock.instant());

        // then a bearer token of five minutes, never cached
        response.then().statusCode(200).contentType(ContentType.JSON).header("Cache-Control", "no-store");
        assertEquals("Bearer", response.path("token_type"));
        assertEquals("urn:ietf:params:oauth:token-type:access_token", response.path("issued_token_type"));
        assertEquals(300, (int) response.path("expires_in"));
        String token = response.path("access_token");
        // signed SM2 with a key the hub publishes, verified by OpenSSL 3
        ParsedJws jws = ParsedJws.parseCompact(token);
        assertEquals("at+jwt", jws.header().typ());
        assertEquals("SM2", jws.header().alg());
        assertEquals(0, TokenTestKit.opensslVerifySm2(token, dir), "OpenSSL refused the hub token");
        // with the claims of DESIGN.md §8
        JsonNode claims = StrictJson.read(jws.payload());
        assertEquals(TokenTestKit.issuer(), claims.get("iss").textValue());
        assertEquals(HUB, claims.get("ymt_entity").textValue());
        assertEquals(pairwise.subject(A.id(), "alice", DEPT_B), claims.get("sub").textValue());
        assertEquals(DEPT_B, claims.get("aud").textValue());
        assertEquals(DEPT_B, claims.get("client_id").textValue());
        assertEquals("urn:ymt:loa:substantial", claims.get("acr").textValue());
        assertEquals(A.id(), claims.get("home").textValue());
        assertEquals(clock.instant().minusSeconds(60).getEpochSecond(), claims.get("auth_time").longValue(), 2);
        assertEquals(300, claims.get("exp").longValue() - claims.get("iat").longValue());
        assertTrue(claims.get("jti").textValue().length() >= 22);
        assertFalse(claims.has("act") || claims.has("org"));
    }

    @Test
    void theSamePersonHasAnotherSubjectAtAnotherDepartment() throws Exception {
        String sub = claims(TokenTestKit.exchange(E, TokenTestKit.idToken(A, "alice", "urn:ymt:loa:basic",
                clock.instant()), clock.instant()).then().statusCode(200).extract().path("access_token"))
                .get("sub").textValue();

        assertEquals(pairwise.subject(A.id(), "alice", DEPT_E), sub);
        assertFalse(sub.equals(pairwise.subject(A.id(), "alice", DEPT_B)));
    }

    @Test
    void es256AudienceTokenVerifiesWithNimbusAgainstThePublishedJwks() throws Exception {
        String idToken = TokenTestKit.idToken(A, "bob", "urn:ymt:loa:basic", clock.instant());

        String token = TokenTestKit.exchange(E, idToken, clock.instant()).then().statusCode(200)
                .extract().path("access_token");

        JWTClaimsSet claims = nimbus("at+jwt").process(token, null);
        assertEquals(TokenTestKit.issuer(), claims.getIssuer());
        assertEquals(List.of(DEPT_E), claims.getAudience());
        assertEquals(pairwise.subject(A.id(), "bob", DEPT_E), claims.getSubject());
        assertEquals("urn:ymt:loa:basic", claims.getStringClaim("acr"));
        assertEquals(A.id(), claims.getStringClaim("home"));
    }

    @Test
    void anExchangeWithTheResidentsListPseudonymIsInTheirAccessLogAndNotInTheToken() throws Exception {
        // given an ID token in which A, the resident's home, names their list pseudonym
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String listSub = HexFormat.of().formatHex(random);
        ObjectNode idClaims = TokenTestKit.idClaims(A.id(), "dora", "urn:ymt:loa:substantial", clock.instant());
        idClaims.put("ymt_list_sub", listSub);

        // when department B exchanges it
        String token = TokenTestKit.exchange(B, TokenTestKit.sign(A.key(), idClaims), clock.instant()).then()
                .statusCode(200).extract().path("access_token");

        // then the hub token does not carry the pseudonym, and the resident's home sees B in their access log
        assertFalse(new String(ParsedJws.parseCompact(token).payload(), StandardCharsets.UTF_8).contains(listSub));
        Federation.asMember(A.key(), A.id()).when().get("/v1/audit/subjects/" + listSub).then().statusCode(200)
                .body("accesses", hasSize(1))
                .body("accesses[0].by", equalTo(DEPT_B))
                .body("accesses[0].action", equalTo("TOKEN_EXCHANGE"))
                .body("accesses[0].outcome", equalTo("OK"));
    }

    @Test
    void anActorWithoutTheSubjectTokensMayActIsRefused() {
        String child = TokenTestKit.idToken(A, "child", "urn:ymt:loa:substantial", clock.instant());
        String stranger = TokenTestKit.idToken(A, "stranger", "urn:ymt:loa:high", clock.instant());

        TokenTestKit.exchange(B, child, clock.instant(), "actor_token", stranger, "actor_token_type",
                TokenTestKit.ID_TOKEN).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_request"))
                .body("error_description", org.hamcrest.Matchers.containsString("may_act"));
    }

    @Test
    void delegationPutsTheActorsPairwiseSubjectInAct() throws Exception {
        String child = TokenTestKit.idTokenActedForBy(A, "child", "urn:ymt:loa:substantial", clock.instant(),
                "parent");
        String parent = TokenTestKit.idToken(A, "parent", "urn:ymt:loa:high", clock.instant());

        JsonNode claims = claims(TokenTestKit.exchange(B, child, clock.instant(), "actor_token", parent,
                "actor_token_type", TokenTestKit.ID_TOKEN).then().statusCode(200).extract().path("access_token"));

        assertEquals(pairwise.subject(A.id(), "child", DEPT_B), claims.get("sub").textValue());
        assertEquals(Map.of("sub", pairwise.subject(A.id(), "parent", DEPT_B)),
                StrictJson.mapper().convertValue(claims.get("act"), Map.class));
        assertEquals("urn:ymt:loa:substantial", claims.get("acr").textValue());
    }

    @Test
    void aBoundOperatorGetsOrgAndLosesItWhenUnbound() throws Exception {
        String operator = pairwise.subject(A.id(), "carol", DEPT_B);
        String binding = "/v1/admin/departments/" + DEPT_B + "/operators/" + operator;
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body("{\"legalPersonId\":\"" + CREDIT_CODE + "\",\"requiredAcr\":\"urn:ymt:loa:substantial\"}")
                .when().put(binding).then().statusCode(200).body("department", org.hamcrest.Matchers.equalTo(DEPT_B));
        given().header("Authorization", TestMembers.ADMIN).when().get(binding).then().statusCode(200)
                .body("legalPersonId", org.hamcrest.Matchers.equalTo(CREDIT_CODE));

        JsonNode bound = claims(TokenTestKit.exchange(B, TokenTestKit.idToken(A, "carol", "urn:ymt:loa:substantial",
                clock.instant()), clock.instant()).then().statusCode(200).extract().path("access_token"));
        assertEquals(CREDIT_CODE, bound.get("org").textValue());

        given().header("Authorization", TestMembers.ADMIN).when().delete(binding).then().statusCode(204);
        JsonNode unbound = claims(TokenTestKit.exchange(B, TokenTestKit.idToken(A, "carol", "urn:ymt:loa:substantial",
                clock.instant()), clock.instant()).then().statusCode(200).extract().path("access_token"));
        assertFalse(unbound.has("org"));
        given().header("Authorization", TestMembers.ADMIN).when().get(binding).then().statusCode(404);
    }

    @Test
    void aDepartmentBindsListsAndUnbindsItsOwnOperatorsAndNobodyElses() {
        String operator = pairwise.subject(A.id(), "erin", DEPT_B);
        String own = "/v1/departments/" + DEPT_B + "/operators";
        String body = "{\"legalPersonId\":\"" + CREDIT_CODE + "\",\"requiredAcr\":\"urn:ymt:loa:substantial\"}";

        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).contentType(ContentType.JSON).body(body)
                .when().put(own + "/" + operator).then().statusCode(200)
                .body("department", org.hamcrest.Matchers.equalTo(DEPT_B));
        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).when().get(own).then().statusCode(200)
                .body("operator", org.hamcrest.Matchers.hasItem(operator));

        // another department, and a platform, may not touch B's staff; B may not touch E's
        given().header(ClientAssertion.HEADER, E.assertion(clock.instant())).contentType(ContentType.JSON).body(body)
                .when().put(own + "/" + operator).then().statusCode(403).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://yimatong.org/problems/forbidden"));
        given().header(ClientAssertion.HEADER, A.assertion(clock.instant())).when().get(own).then().statusCode(403);
        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).when()
                .delete("/v1/departments/" + DEPT_E + "/operators/" + operator).then().statusCode(403);
        // a bad credit code changes nothing
        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).contentType(ContentType.JSON)
                .body("{\"legalPersonId\":\"91330100716105852G\",\"requiredAcr\":\"urn:ymt:loa:high\"}")
                .when().put(own + "/" + operator).then().statusCode(400);
        given().header("Authorization", TestMembers.ADMIN).when()
                .get("/v1/admin/departments/" + DEPT_B + "/operators/" + operator).then().statusCode(200)
                .body("requiredAcr", org.hamcrest.Matchers.equalTo("urn:ymt:loa:substantial"));

        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).when().delete(own + "/" + operator)
                .then().statusCode(204);
        given().header(ClientAssertion.HEADER, B.assertion(clock.instant())).when().get(own + "/" + operator)
                .then().statusCode(404);
        var outcomes = pool.preparedQuery("select outcome from audit_event where actor = $1 and target = $2"
                + " and action = 'ADMIN' order by seq").execute(Tuple.of(DEPT_B, operator)).await().indefinitely();
        assertEquals(List.of("BOUND", "UNBOUND"), java.util.stream.StreamSupport.stream(outcomes.spliterator(), false)
                .map(row -> row.getString("outcome")).toList());
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIsNotBound() {
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body("{\"legalPersonId\":\"91330100716105852G\",\"requiredAcr\":\"urn:ymt:loa:high\"}")
                .when().put("/v1/admin/departments/" + DEPT_B + "/operators/someone")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/legalPersonId"));
    }

    @Test
    void eachExchangeLeavesOneAuditEvent() throws Exception {
        String token = TokenTestKit.exchange(B, TokenTestKit.idToken(A, "dave", "urn:ymt:loa:high", clock.instant()),
                clock.instant()).then().statusCode(200).extract().path("access_token");
        String jti = claims(token).get("jti").textValue();

        var rows = pool.preparedQuery("select actor, member, outcome from audit_event where action = 'TOKEN_EXCHANGE'"
                + " and target = $1").execute(Tuple.of(jti)).await().indefinitely();
        assertEquals(1, rows.size());
        var row = rows.iterator().next();
        assertEquals(DEPT_B, row.getString("actor"));
        assertEquals(A.id(), row.getString("member"));
        assertEquals("OK", row.getString("outcome"));
    }

    @Test
    void aTokenSignedWithTheMembersNewKeyIsAcceptedAfterOneKeySetFetch() throws Exception {
        // given member A has published a second key that the hub has not seen yet
        Jwk rotated = Jwk.generate(SignatureProfile.SM2).withKid("370000-2");
        MEMBER_A.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(A.key().publicOnly(), rotated.publicOnly())).toJson().toString())));
        MEMBER_A.resetRequests();

        // when B exchanges an ID token signed with it, twice
        String first = TokenTestKit.sign(rotated, TokenTestKit.idClaims(A.id(), "fay", "urn:ymt:loa:high",
                clock.instant()));
        String second = TokenTestKit.sign(rotated, TokenTestKit.idClaims(A.id(), "gus", "urn:ymt:loa:high",
                clock.instant()));
        TokenTestKit.exchange(B, first, clock.instant()).then().statusCode(200);
        TokenTestKit.exchange(B, second, clock.instant()).then().statusCode(200);

        // then the key set was fetched once
        MEMBER_A.verify(1, getRequestedFor(urlEqualTo("/jwks")));
    }

    static JsonNode claims(String token) throws Exception {
        return StrictJson.read(ParsedJws.parseCompact(token).payload());
    }

    /** nimbus over the ES256 keys of {@code /v1/jwks} (it has no SM2 curve); times are ours to check. */
    static DefaultJWTProcessor<SecurityContext> nimbus(String typ) throws Exception {
        ObjectNode jwks = TokenTestKit.publishedJwks().toJson();
        ArrayNode es256 = jwks.putArray("keys");
        TokenTestKit.publishedJwks().keys().stream().filter(k -> k.profile() == SignatureProfile.ES256)
                .forEach(k -> es256.add(k.toJson()));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(typ)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks.toString()))));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        return processor;
    }
}

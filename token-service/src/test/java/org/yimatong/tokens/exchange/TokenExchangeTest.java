package org.yimatong.tokens.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.payload.TokenResponse;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.accesstoken.HubAccessToken;
import org.yimatong.tokens.assurance.InsufficientUserAuthenticationException;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;
import org.yimatong.tokens.testing.TestHub;
import org.yimatong.tokens.testing.TestMember;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TokenExchangeTest {

    private static final String SUBSTANTIAL = "urn:ymt:loa:substantial";

    private final TestHub hub = new TestHub(SignatureProfile.SM2);

    @Test
    void exchangedTokenCarriesTheClaimsOfDesignSection8() throws Exception {
        // given member A's ID token for alice at substantial, presented by department dept-civil
        Instant now = hub.clock.instant();
        String idToken = hub.shanghai.idToken("alice", SUBSTANTIAL, now);

        // when
        TokenExchange.IssuedToken issued = hub.exchange.exchange(TestHub.CIVIL,
                ExchangeRequest.fromForm(TestHub.form(idToken, TestHub.CIVIL)));

        // then the JWS verifies with the hub's published keys, typ at+jwt, signed SM2 by default
        VerifiedJws jws = new JwsVerifier(allProfiles(), "at+jwt").verify(issued.token(),
                hub.keys.publishedKeys(now));
        assertEquals("SM2", jws.header().alg());
        assertEquals("at+jwt", jws.header().typ());
        JsonNode claims = StrictJson.read(jws.payload());
        assertEquals(TestMember.HUB_ISSUER, claims.get("iss").asText());
        assertEquals(TestMember.HUB, claims.get("ymt_entity").asText());
        assertEquals(hub.pairwise.subject("ymt:member:310000", "alice", TestHub.CIVIL), claims.get("sub").asText());
        assertNotEquals("alice", claims.get("sub").asText());
        assertEquals(TestHub.CIVIL, claims.get("aud").asText());
        assertEquals(TestHub.CIVIL, claims.get("client_id").asText());
        assertEquals(SUBSTANTIAL, claims.get("acr").asText());
        assertEquals(now.minusSeconds(60).getEpochSecond(), claims.get("auth_time").asLong());
        assertEquals("ymt:member:310000", claims.get("home").asText());
        assertEquals(16, Base64Url.decode(claims.get("jti").asText()).length);
        assertEquals(now.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(300, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertFalse(claims.has("act"));
        assertFalse(claims.has("org"));
        TokenResponse response = issued.response();
        assertEquals(300, response.expiresIn());
        assertEquals("urn:ietf:params:oauth:token-type:access_token", response.issuedTokenType());
        assertEquals("Bearer", response.tokenType());
    }

    @Test
    void eachTokenHasItsOwnJti() {
        assertNotEquals(hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().jti(),
                hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().jti());
    }

    @Test
    void samePersonHasADifferentSubAtEachDepartmentAndTheSameAtOne() {
        String civil = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().subject();
        String library = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.LIBRARY).claims().subject();
        String civilAgain = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().subject();

        assertNotEquals(civil, library);
        assertEquals(civil, civilAgain);
    }

    @Test
    void delegationCarriesTheActorsPairwiseSubjectAndTheLowerLevel() {
        // given a parent (actor, Jiangsu, high) showing a child's code (subject, Shanghai, substantial)
        Instant now = hub.clock.instant();
        String child = hub.shanghai.idTokenActedForBy("child", SUBSTANTIAL, now, "parent", "ymt:member:320000");
        String parent = hub.jiangsu.idToken("parent", "urn:ymt:loa:high", now);

        // when
        HubAccessToken token = hub.exchange.exchange(TestHub.CIVIL, ExchangeRequest.fromForm(TestHub.form(child,
                TestHub.CIVIL, "actor_token", parent, "actor_token_type", "urn:ietf:params:oauth:token-type:id_token")))
                .claims();

        // then
        assertEquals(hub.pairwise.subject("ymt:member:310000", "child", TestHub.CIVIL), token.subject());
        assertEquals(Optional.of(hub.pairwise.subject("ymt:member:320000", "parent", TestHub.CIVIL)),
                token.actorSubject());
        assertEquals(LevelOfAssurance.SUBSTANTIAL, token.acr());
        assertEquals("ymt:member:310000", token.home());
    }

    @Test
    void anActorTheSubjectTokenDoesNotNameIsRefused() {
        Instant now = hub.clock.instant();
        String parent = hub.jiangsu.idToken("parent", "urn:ymt:loa:high", now);
        for (String child : List.of(hub.shanghai.idToken("child", SUBSTANTIAL, now),
                hub.shanghai.idTokenActedForBy("child", SUBSTANTIAL, now, "someone-else", "ymt:member:320000"),
                // the right name, but at the subject's own issuer: another person than Jiangsu's "parent"
                hub.shanghai.idTokenActedForBy("child", SUBSTANTIAL, now, "parent", null))) {
            ExchangeRequest request = ExchangeRequest.fromForm(TestHub.form(child, TestHub.CIVIL, "actor_token",
                    parent, "actor_token_type", "urn:ietf:params:oauth:token-type:id_token"));

            TokenException e = assertThrows(TokenException.class, () -> hub.exchange.exchange(TestHub.CIVIL,
                    request));

            assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
            assertTrue(e.getMessage().contains("may_act"), e.getMessage());
        }
    }

    @Test
    void actorTokenCannotRaiseTheLevelAboveTheSubjects() {
        // given a child at basic and a parent at high, for a department that needs substantial
        Instant now = hub.clock.instant();
        String child = hub.shanghai.idTokenActedForBy("child", "urn:ymt:loa:basic", now, "parent",
                "ymt:member:320000");
        String parent = hub.jiangsu.idToken("parent", "urn:ymt:loa:high", now);
        ExchangeRequest request = ExchangeRequest.fromForm(TestHub.form(child, TestHub.CIVIL, "actor_token", parent,
                "actor_token_type", "urn:ietf:params:oauth:token-type:id_token"));

        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> hub.exchange.exchange(TestHub.CIVIL, request));

        assertEquals("urn:ymt:loa:substantial", e.acrValues());
        assertEquals(LevelOfAssurance.BASIC, e.presented());
    }

    @Test
    void levelBelowTheAudiencesMinimumIsRefusedWithItsRequiredAcrValues() {
        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> hub.exchange("alice", LevelOfAssurance.BASIC, TestHub.CIVIL));

        assertEquals(OAuthError.INSUFFICIENT_USER_AUTHENTICATION, e.oauthError());
        assertEquals("urn:ymt:loa:substantial", e.toProblem("/v1/token").acrValues());
    }

    @Test
    void requestedAcrAboveTheSubjectsIsRefusedNotGranted() {
        String idToken = hub.shanghai.idToken("alice", SUBSTANTIAL, hub.clock.instant());
        ExchangeRequest request = ExchangeRequest.fromForm(TestHub.form(idToken, TestHub.LIBRARY, "acr_values",
                "urn:ymt:loa:high"));

        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> hub.exchange.exchange(TestHub.LIBRARY, request));

        assertEquals("urn:ymt:loa:high", e.acrValues());
    }

    @Test
    void orgIsCarriedForABoundOperatorAtSubstantial() {
        bind("alice", "9144030071526726XG", null);

        HubAccessToken token = hub.exchange("alice", LevelOfAssurance.SUBSTANTIAL, TestHub.CIVIL).claims();

        assertEquals(Optional.of("9144030071526726XG"), token.org());
    }

    @Test
    void orgIsLeftOutBelowSubstantial() {
        bind(TestHub.LIBRARY, "alice", "9144030071526726XG", "urn:ymt:loa:basic");

        assertEquals(Optional.empty(), hub.exchange("alice", LevelOfAssurance.BASIC, TestHub.LIBRARY).claims().org());
        assertEquals(Optional.of("9144030071526726XG"),
                hub.exchange("alice", LevelOfAssurance.SUBSTANTIAL, TestHub.LIBRARY).claims().org());
    }

    @Test
    void orgIsLeftOutAfterTheBindingsValidity() {
        String operator = hub.pairwise.subject("ymt:member:310000", "alice", TestHub.CIVIL);
        hub.bindings.put(TestHub.CIVIL + "|" + operator, new OperatorBinding(TestHub.CIVIL, operator,
                "9144030071526726XG", null, TestHub.START.plusSeconds(60), TestHub.START));
        hub.clock.advance(Duration.ofSeconds(60));

        assertEquals(Optional.empty(), hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().org());
    }

    @Test
    void orgIsLeftOutWithoutABindingOrBelowTheBindingsLevel() {
        bind("bob", "9144030071526726XG", "urn:ymt:loa:high");

        assertEquals(Optional.empty(), hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().org());
        assertEquals(Optional.empty(),
                hub.exchange("bob", LevelOfAssurance.SUBSTANTIAL, TestHub.CIVIL).claims().org());
        assertEquals(Optional.of("9144030071526726XG"),
                hub.exchange("bob", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().org());
    }

    @Test
    void orgIsLeftOutForAnInvalidCreditCode() {
        bind("alice", "9144030071526726XH", null);

        assertEquals(Optional.empty(), hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).claims().org());
    }

    @Test
    void clientMayNotObtainTokensForAnotherDepartment() {
        String idToken = hub.shanghai.idToken("alice", SUBSTANTIAL, hub.clock.instant());

        TokenException e = assertThrows(TokenException.class, () -> hub.exchange.exchange(TestHub.LIBRARY,
                ExchangeRequest.fromForm(TestHub.form(idToken, TestHub.CIVIL))));

        assertEquals(OAuthError.INVALID_TARGET, e.oauthError());
        assertEquals(ProblemType.FORBIDDEN, e.type());
    }

    @Test
    void unknownAudienceIsAnInvalidTarget() {
        String idToken = hub.shanghai.idToken("alice", SUBSTANTIAL, hub.clock.instant());

        TokenException e = assertThrows(TokenException.class, () -> hub.exchange.exchange("dept-x",
                ExchangeRequest.fromForm(TestHub.form(idToken, "dept-x"))));

        assertEquals(OAuthError.INVALID_TARGET, e.oauthError());
        assertEquals(ProblemType.NOT_FOUND, e.type());
    }

    @Test
    void subjectTokenRevokedByItsIssuerIsRefused() {
        Instant now = hub.clock.instant();
        String idToken = hub.shanghai.idToken("alice", SUBSTANTIAL, now);
        hub.revocations.revoke("ymt:member:310000", "id-alice-" + now.getEpochSecond(), now.plusSeconds(600));

        TokenException e = assertThrows(TokenException.class, () -> hub.exchange.exchange(TestHub.CIVIL,
                ExchangeRequest.fromForm(TestHub.form(idToken, TestHub.CIVIL))));

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals(ProblemType.FORBIDDEN, e.type());
    }

    @Test
    void invalidSubjectTokenIsAnInvalidRequestWithItsOwnProblemType() {
        String expired = hub.shanghai.idToken("alice", SUBSTANTIAL, hub.clock.instant().minusSeconds(3600));

        TokenException e = assertThrows(TokenException.class, () -> hub.exchange.exchange(TestHub.CIVIL,
                ExchangeRequest.fromForm(TestHub.form(expired, TestHub.CIVIL))));

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals(ProblemType.CODE_EXPIRED, e.type());
        assertEquals("invalid_request", e.toProblem("/v1/token").error());
        assertEquals(400, e.toProblem("/v1/token").status());
    }

    @Test
    void signingAlgorithmIsConfigurable() {
        for (SignatureProfile profile : SignatureProfile.values()) {
            TestHub other = new TestHub(profile);
            String token = other.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).token();
            VerifiedJws jws = new JwsVerifier(allProfiles(), "at+jwt").verify(token,
                    other.keys.publishedKeys(other.clock.instant()));
            assertEquals(profile, jws.key().profile());
        }
    }

    @Test
    void tokenClaimsNeverContainTheMembersSubject() throws Exception {
        String token = hub.exchange("alice-310101", LevelOfAssurance.HIGH, TestHub.CIVIL).token();
        String payload = new String(Base64Url.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);

        assertFalse(payload.contains("alice-310101"), payload);
        assertTrue(payload.contains("\"home\""));
    }

    @Test
    void theListPseudonymOfTheSubjectTokenIsHandedOnButNeverPutInTheToken() throws Exception {
        String listSub = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        ObjectNode claims = hub.shanghai.claims("alice-310101", LevelOfAssurance.SUBSTANTIAL.uri(),
                hub.clock.instant());
        claims.put("ymt_list_sub", listSub);

        TokenExchange.IssuedToken issued = hub.exchange.exchange(TestHub.CIVIL, ExchangeRequest.fromForm(TestHub.form(
                hub.shanghai.sign(claims), TestHub.CIVIL)));

        assertEquals(Optional.of(listSub), issued.subjectListSubject());
        String payload = new String(Base64Url.decode(issued.token().split("\\.")[1]), StandardCharsets.UTF_8);
        assertFalse(payload.contains(listSub), payload);
        assertFalse(issued.claims().toClaims().has("ymt_list_sub"));
    }

    @Test
    void aSubjectTokenWithoutAListPseudonymHandsOnNone() {
        assertEquals(Optional.empty(), hub.exchange("alice-310101", LevelOfAssurance.SUBSTANTIAL, TestHub.CIVIL)
                .subjectListSubject());
    }

    private void bind(String memberSubject, String creditCode, String requiredAcr) {
        bind(TestHub.CIVIL, memberSubject, creditCode, requiredAcr);
    }

    private void bind(String department, String memberSubject, String creditCode, String requiredAcr) {
        String operator = hub.pairwise.subject("ymt:member:310000", memberSubject, department);
        hub.bindings.put(department + "|" + operator, new OperatorBinding(department, operator, creditCode,
                requiredAcr, null, TestHub.START));
    }

    private static Set<SignatureProfile> allProfiles() {
        return Set.of(SignatureProfile.values());
    }
}

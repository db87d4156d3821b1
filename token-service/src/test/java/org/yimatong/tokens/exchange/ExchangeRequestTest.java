package org.yimatong.tokens.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;
import org.yimatong.tokens.testing.TestHub;

class ExchangeRequestTest {

    private static final String JWT = "eyJhbGciOiJTTTIifQ.eyJpc3MiOiJ4In0.c2ln";

    @Test
    void goodRequestIsRead() {
        ExchangeRequest request = ExchangeRequest.fromForm(TestHub.form(JWT, "dept-civil", "acr_values",
                "urn:ymt:loa:substantial urn:ymt:loa:high", "client_id", "dept-civil"));

        assertEquals(JWT, request.subjectToken());
        assertEquals("dept-civil", request.target());
        assertEquals(List.of(LevelOfAssurance.SUBSTANTIAL, LevelOfAssurance.HIGH), request.requestedAcr());
        assertEquals(Optional.empty(), request.actorToken());
    }

    @Test
    void otherGrantTypeIsUnsupported() {
        Map<String, List<String>> form = TestHub.form(JWT, "dept-civil");
        form.put("grant_type", List.of("client_credentials"));

        assertEquals(OAuthError.UNSUPPORTED_GRANT_TYPE, refused(form).oauthError());
    }

    @Test
    void missingGrantTypeSubjectTokenAndTypeAreAllReported() {
        Map<String, List<String>> form = new HashMap<>();
        form.put("audience", List.of("dept-civil"));

        TokenException e = refused(form);

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals(List.of("/grant_type", "/subject_token"), e.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void accessTokenIsNotAcceptedAsSubjectTokenType() {
        TokenException e = refused(TestHub.form(JWT, "dept-civil", "subject_token_type",
                "urn:ietf:params:oauth:token-type:access_token"));

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals("/subject_token_type", e.errors().get(0).pointer());
    }

    @Test
    void jwtIsAcceptedAsSubjectTokenType() {
        assertEquals("urn:ietf:params:oauth:token-type:jwt", ExchangeRequest.fromForm(TestHub.form(JWT, "dept-civil",
                "subject_token_type", "urn:ietf:params:oauth:token-type:jwt")).subjectTokenType());
    }

    @Test
    void actorTokenNeedsItsType() {
        TokenException e = refused(TestHub.form(JWT, "dept-civil", "actor_token", JWT));

        assertEquals("/actor_token_type", e.errors().get(0).pointer());
    }

    @Test
    void repeatedParameterIsRefused() {
        Map<String, List<String>> form = TestHub.form(JWT, "dept-civil");
        form.put("subject_token", List.of(JWT, JWT));

        TokenException e = refused(form);

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals("/subject_token", e.errors().get(0).pointer());
    }

    @Test
    void unknownRequestedLevelIsRefused() {
        TokenException e = refused(TestHub.form(JWT, "dept-civil", "acr_values", "urn:ymt:loa:medium"));

        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
        assertEquals(ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, e.type());
    }

    @Test
    void resourceServesAsTargetWithoutAudience() {
        Map<String, List<String>> form = TestHub.form(JWT, "x");
        form.remove("audience");
        form.put("resource", List.of("https://civil.example/api"));

        assertEquals("https://civil.example/api", ExchangeRequest.fromForm(form).target());
    }

    @Test
    void noTargetSeveralTargetsOrDisagreeingTargetsAreInvalidTargets() {
        Map<String, List<String>> none = TestHub.form(JWT, "x");
        none.remove("audience");
        Map<String, List<String>> two = TestHub.form(JWT, "x");
        two.put("audience", List.of("dept-civil", "dept-tax"));
        Map<String, List<String>> disagree = TestHub.form(JWT, "dept-civil", "resource", "dept-tax");

        for (Map<String, List<String>> form : List.of(none, two, disagree)) {
            assertEquals(OAuthError.INVALID_TARGET, refused(form).oauthError(), form.toString());
        }
    }

    @Test
    void onlyAccessTokensAreIssued() {
        TokenException e = refused(TestHub.form(JWT, "dept-civil", "requested_token_type",
                "urn:ietf:params:oauth:token-type:id_token"));

        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/requested_token_type")));
    }

    private static TokenException refused(Map<String, List<String>> form) {
        return assertThrows(TokenException.class, () -> ExchangeRequest.fromForm(form));
    }
}

package org.yimatong.schemas.payload;

import java.util.List;
import java.util.Set;

import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /v1/token}, RFC 8693 token exchange (form-encoded on the wire, field names as the RFC spells them);
 * schema {@code token-request.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenExchangeRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("subject_token") String subjectToken,
        @JsonProperty("subject_token_type") String subjectTokenType,
        @JsonProperty("actor_token") String actorToken,
        @JsonProperty("actor_token_type") String actorTokenType,
        @JsonProperty("requested_token_type") String requestedTokenType,
        String audience,
        String scope,
        @JsonProperty("acr_values") String acrValues,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_assertion_type") String clientAssertionType,
        @JsonProperty("client_assertion") String clientAssertion) implements Validatable {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    public static final String JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public static final Set<String> TOKEN_TYPES = Set.of(ID_TOKEN, ACCESS_TOKEN, JWT);

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start();
        if (c.present("/grant_type", grantType)) {
            c.check(GRANT_TYPE.equals(grantType), "/grant_type", "must be " + GRANT_TYPE);
        }
        c.requiredMatching("/subject_token", subjectToken, Patterns.COMPACT_JWS)
                .length("/subject_token", subjectToken, 16, 8192);
        if (c.present("/subject_token_type", subjectTokenType)) {
            c.check(TOKEN_TYPES.contains(subjectTokenType), "/subject_token_type", "unsupported token type");
        }
        if (actorToken != null) {
            c.matches("/actor_token", actorToken, Patterns.COMPACT_JWS)
                    .length("/actor_token", actorToken, 1, 8192);
            if (c.present("/actor_token_type", actorTokenType)) {
                c.check(TOKEN_TYPES.contains(actorTokenType), "/actor_token_type", "unsupported token type");
            }
        } else {
            c.check(actorTokenType == null, "/actor_token_type", "only allowed with actor_token");
        }
        c.check(requestedTokenType == null || ACCESS_TOKEN.equals(requestedTokenType), "/requested_token_type",
                "must be " + ACCESS_TOKEN)
                .requiredMatching("/audience", audience, Patterns.CLIENT_ID)
                .length("/scope", scope, 0, 1024)
                .matches("/client_id", clientId, Patterns.CLIENT_ID);
        if (acrValues != null) {
            for (String acr : acrValues.trim().split(" +")) {
                c.check(LevelOfAssurance.fromUri(acr).isPresent(), "/acr_values", "unknown level " + acr);
            }
        }
        if (clientAssertion != null) {
            c.matches("/client_assertion", clientAssertion, Patterns.COMPACT_JWS)
                    .length("/client_assertion", clientAssertion, 1, 8192)
                    .check(JWT_BEARER_ASSERTION.equals(clientAssertionType), "/client_assertion_type",
                            "must be " + JWT_BEARER_ASSERTION);
        }
        return c.errors();
    }

    @Override
    public String toString() {
        return "TokenExchangeRequest[subject_token_type=" + subjectTokenType + ", actor="
                + (actorToken != null) + ", audience=" + audience + ", client_id=" + clientId + "]";
    }
}

package org.yimatong.schemas.payload;

import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 7662 introspection request (form-encoded); schema {@code introspection-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionRequest(
        String token,
        @JsonProperty("token_type_hint") String tokenTypeHint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_assertion_type") String clientAssertionType,
        @JsonProperty("client_assertion") String clientAssertion) implements Validatable {

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .required("/token", token)
                .length("/token", token, 16, 8192)
                .check(tokenTypeHint == null || "access_token".equals(tokenTypeHint)
                        || "id_token".equals(tokenTypeHint), "/token_type_hint", "must be access_token or id_token")
                .matches("/client_id", clientId, Patterns.CLIENT_ID);
        if (clientAssertion != null) {
            c.matches("/client_assertion", clientAssertion, Patterns.COMPACT_JWS)
                    .check(TokenExchangeRequest.JWT_BEARER_ASSERTION.equals(clientAssertionType),
                            "/client_assertion_type", "must be " + TokenExchangeRequest.JWT_BEARER_ASSERTION);
        }
        return c.errors();
    }

    @Override
    public String toString() {
        return "IntrospectionRequest[token=<redacted>, token_type_hint=" + tokenTypeHint + ", client_id=" + clientId
                + "]";
    }
}

package org.yimatong.schemas.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 8693 §2.2.1 token exchange response; schema {@code token-response.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("issued_token_type") String issuedTokenType,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        String scope) {

    public static TokenResponse bearer(String accessToken, long expiresIn, String scope) {
        return new TokenResponse(accessToken, TokenExchangeRequest.ACCESS_TOKEN, "Bearer", expiresIn, scope);
    }

    @Override
    public String toString() {
        return "TokenResponse[access_token=<redacted>, expires_in=" + expiresIn + ", scope=" + scope + "]";
    }
}

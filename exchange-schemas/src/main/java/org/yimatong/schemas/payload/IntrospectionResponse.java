package org.yimatong.schemas.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 7662 §2.2 introspection response (REQ-TOK-4); schema {@code introspection-response.json}. An inactive token
 * is exactly {@code {"active":false}}: use {@link #inactive()}. {@code aud} accepts a string or an array.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        boolean active,
        String iss,
        String sub,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> aud,
        Long exp,
        Long iat,
        Long nbf,
        String jti,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("token_type") String tokenType,
        String scope,
        String acr,
        @JsonProperty("auth_time") Long authTime,
        String home,
        Actor act) {

    private static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null);

    /** RFC 8693 §4.1 actor of a delegated token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String sub, String iss) {}

    /** The only answer for an inactive, unknown, expired or revoked token: nothing else leaks. */
    public static IntrospectionResponse inactive() {
        return INACTIVE;
    }
}

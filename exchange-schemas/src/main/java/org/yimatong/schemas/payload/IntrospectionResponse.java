package org.yimatong.schemas.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 7662 §2.2 introspection response (REQ-TOK-4); schema {@code introspection-response.json}. An inactive token
 * is exactly {@code {"active":false}}: use {@link #inactive()}. {@code aud} accepts a string or an array.
 * {@code may_act} (RFC 8693 §4.4) is passed on from an ID token whose issuer names who may act for its subject, so a
 * hub validating the token further along the tree can check a delegation against it.
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
        Actor act,
        @JsonProperty("may_act") Actor mayAct) {

    private static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    /** A response without {@code may_act}. */
    public IntrospectionResponse(boolean active, String iss, String sub, List<String> aud, Long exp, Long iat, Long nbf,
            String jti, String clientId, String tokenType, String scope, String acr, Long authTime, String home,
            Actor act) {
        this(active, iss, sub, aud, exp, iat, nbf, jti, clientId, tokenType, scope, acr, authTime, home, act, null);
    }

    /** RFC 8693 §4.1 actor of a delegated token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String sub, String iss) {}

    /** The only answer for an inactive, unknown, expired or revoked token: nothing else leaks. */
    public static IntrospectionResponse inactive() {
        return INACTIVE;
    }
}

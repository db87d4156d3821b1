package org.yimatong.tokens.oauth;

/** The OAuth error codes the token service answers with, and the HTTP status each goes out with. */
public enum OAuthError {
    /** A missing, repeated or malformed parameter, or an invalid subject or actor token (RFC 8693 §2.2.2). */
    INVALID_REQUEST("invalid_request", 400),
    /** Client authentication failed (RFC 6749 §5.2); decided by the hub, listed so it maps from one table. */
    INVALID_CLIENT("invalid_client", 401),
    /** RFC 6749 §5.2; not used by token exchange, which says {@code invalid_request} for bad tokens. */
    INVALID_GRANT("invalid_grant", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    /** No token can be issued for the requested audience or resource (RFC 8693 §2.2.2, RFC 8707). */
    INVALID_TARGET("invalid_target", 400),
    /** The authentication is below what the audience requires (RFC 9470). */
    INSUFFICIENT_USER_AUTHENTICATION("insufficient_user_authentication", 401);

    private final String code;
    private final int status;

    OAuthError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The {@code error} value on the wire. */
    public String code() {
        return code;
    }

    /** The HTTP status of the error response. */
    public int status() {
        return status;
    }
}

package org.yimatong.tokens.idtoken;

import org.yimatong.tokens.oauth.TokenException;

/** Validates a subject or actor token presented in a token exchange. */
@FunctionalInterface
public interface SubjectTokenValidator {

    /**
     * @throws TokenException {@code invalid_request} with a problem type naming the fault (RFC 8693 §2.2.2:
     *     an invalid subject or actor token is {@code invalid_request})
     */
    ValidatedIdToken validate(String token);
}

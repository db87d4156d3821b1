package org.yimatong.tokens.assurance;

import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

/**
 * An authentication below what is required: RFC 9470 {@code insufficient_user_authentication}, naming the
 * required level in {@code acr_values} so the client can send the person back to authenticate at that level.
 */
public class InsufficientUserAuthenticationException extends TokenException {

    private final LevelOfAssurance required;
    private final LevelOfAssurance presented;

    public InsufficientUserAuthenticationException(LevelOfAssurance required, LevelOfAssurance presented) {
        super(OAuthError.INSUFFICIENT_USER_AUTHENTICATION, ProblemType.INSUFFICIENT_USER_AUTHENTICATION,
                "level " + presented.uri() + " is below the required " + required.uri());
        this.required = required;
        this.presented = presented;
    }

    public LevelOfAssurance required() {
        return required;
    }

    public LevelOfAssurance presented() {
        return presented;
    }

    /** The {@code acr_values} of the challenge: the required level's URI. */
    public String acrValues() {
        return required.uri();
    }

    /** The RFC 9470 §3 {@code WWW-Authenticate} value. */
    public String challenge() {
        return "Bearer error=\"" + OAuthError.INSUFFICIENT_USER_AUTHENTICATION.code()
                + "\", error_description=\"A different authentication level is required\", acr_values=\""
                + acrValues() + "\"";
    }

    /** The problem with {@code error}, {@code error_description} and {@code acr_values}. */
    @Override
    public Problem toProblem(String instance) {
        return withOAuthStatus(Problem.of(this, instance))
                .withOAuthError(oauthError().code(), getMessage(), acrValues());
    }
}

package org.yimatong.tokens.oauth;

import java.util.List;
import java.util.Objects;

import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A refusal of the token service: a {@link ProblemType} saying exactly why (each refusal its own type) and the
 * {@link OAuthError} code the token and introspection endpoints answer with. The message is safe to show to the
 * client: it never contains a subject or a token.
 */
public class TokenException extends ProblemException {

    private final OAuthError error;

    public TokenException(OAuthError error, ProblemType type, String detail) {
        this(error, type, detail, List.of(), null);
    }

    public TokenException(OAuthError error, ProblemType type, String detail, List<FieldError> errors) {
        this(error, type, detail, errors, null);
    }

    /** Wraps a refusal of the contract layer (e.g. a {@code JoseException}), keeping its type and detail. */
    public TokenException(OAuthError error, ProblemException cause) {
        this(error, cause.type(), cause.getMessage(), cause.errors(), cause);
    }

    private TokenException(OAuthError error, ProblemType type, String detail, List<FieldError> errors,
            Throwable cause) {
        super(type, detail, errors, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    public OAuthError oauthError() {
        return error;
    }

    /**
     * The RFC 9457 problem with the OAuth members {@code error} and {@code error_description} set, and
     * {@code status} the OAuth error's (a token endpoint answers 400 or 401 as RFC 6749 says, whatever the
     * problem type's usual status).
     */
    public Problem toProblem(String instance) {
        return withOAuthStatus(Problem.of(this, instance)).withOAuthError(error.code(), getMessage(), null);
    }

    protected final Problem withOAuthStatus(Problem p) {
        return new Problem(p.type(), p.title(), error.status(), p.detail(), p.instance(), p.errors(), p.error(),
                p.errorDescription(), p.acrValues());
    }
}

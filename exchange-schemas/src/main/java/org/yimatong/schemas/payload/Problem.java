package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 9457 problem details (DESIGN.md §10); schema {@code problem.json}. {@code error}, {@code error_description}
 * and {@code acr_values} are set only on the token and introspection endpoints (RFC 6749 §5.2, RFC 9470).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, Integer status, String detail, String instance,
        List<FieldError> errors, String error, @JsonProperty("error_description") String errorDescription,
        @JsonProperty("acr_values") String acrValues) {

    public static Problem of(ProblemType type, String detail, String instance, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors), null, null, null);
    }

    public static Problem of(ProblemException e, String instance) {
        return of(e.type(), e.getMessage(), instance, e.errors());
    }

    /** The same problem with the OAuth error members added. */
    public Problem withOAuthError(String oauthError, String description, String acr) {
        return new Problem(type, title, status, detail, instance, errors, oauthError, description, acr);
    }
}

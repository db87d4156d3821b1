package org.yimatong.hub.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

/** Builds {@code application/problem+json} responses (RFC 9457). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(ProblemType type, String detail, List<FieldError> errors) {
        return builder(type.status(), type.slug(), type.title(), detail, errors).build();
    }

    static Response.ResponseBuilder builder(int status, String slug, String title, String detail, List<FieldError> errors) {
        ProblemBody body = new ProblemBody(ProblemType.BASE_URI + slug, title, status, detail,
                errors.isEmpty() ? null : errors);
        return Response.status(status).type(MEDIA_TYPE).entity(body);
    }

    /** The wire shape of a problem; {@code errors} is left out when there are none. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ProblemBody(String type, String title, int status, String detail, List<FieldError> errors) {
    }
}

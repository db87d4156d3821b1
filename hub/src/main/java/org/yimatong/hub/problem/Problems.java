package org.yimatong.hub.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

/** Builds {@code application/problem+json} responses (RFC 9457). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(ProblemType type, String detail, List<FieldError> errors) {
        return Response.status(type.status()).type(MEDIA_TYPE).entity(Problem.of(type, detail, null, errors)).build();
    }
}

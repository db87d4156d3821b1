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

    /** Seconds a caller is asked to wait before trying again after a 503 (REQ-ERR-1). */
    public static final int RETRY_AFTER_SECONDS = 2;

    public static Response response(ProblemType type, String detail, List<FieldError> errors) {
        Response.ResponseBuilder response = Response.status(type.status()).type(MEDIA_TYPE)
                .entity(Problem.of(type, detail, null, errors));
        if (type.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}

package org.yimatong.department;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Answers {@link InsufficientLevelException} as RFC 9470 §3 says: 401 with
 * {@code WWW-Authenticate: Bearer error="insufficient_user_authentication", error_description="...",
 * acr_values="<required level>"}, and the same in an RFC 9457 problem for clients that read bodies. A missing, forged,
 * expired or misdirected token never gets here: SmallRye JWT refuses it first with a bare {@code Bearer} challenge
 * (RFC 6750) and no body.
 */
public class StepUpChallenge {

    static final String ERROR = "insufficient_user_authentication";
    static final String DESCRIPTION = "A different authentication level is required";

    @ServerExceptionMapper
    public Response insufficient(InsufficientLevelException e, UriInfo uri) {
        String acrValues = e.required().uri();
        Problem problem = Problem.of(ProblemType.INSUFFICIENT_USER_AUTHENTICATION, e.getMessage(),
                uri.getPath(), null).withOAuthError(ERROR, DESCRIPTION, acrValues);
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + ERROR + "\", error_description=\""
                        + DESCRIPTION + "\", acr_values=\"" + acrValues + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .type("application/problem+json").entity(problem).build();
    }
}

package org.yimatong.hub.tokens;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.tokens.assurance.InsufficientUserAuthenticationException;
import org.yimatong.tokens.oauth.TokenException;

/**
 * Refusals of the token endpoints: the RFC 9457 problem with RFC 6749 {@code error}/{@code error_description}
 * (status the OAuth error's), never cached, and for a level below the audience's minimum the RFC 9470
 * {@code WWW-Authenticate} challenge naming the required {@code acr_values}.
 */
public class TokenExceptionMapper {

    @ServerExceptionMapper
    public Response refused(TokenException e) {
        Problem problem = e.toProblem(null);
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problems.MEDIA_TYPE)
                .entity(problem).header("Cache-Control", "no-store");
        if (e instanceof InsufficientUserAuthenticationException insufficient) {
            response.header("WWW-Authenticate", insufficient.challenge());
        }
        return response.build();
    }
}

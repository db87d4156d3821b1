package org.yimatong.hub.admin;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.problem.ProblemType;

/** Refuses an {@link AdminOnly} call unless it carries {@code Authorization: Bearer <admin token>}. */
@Provider
@AdminOnly
public class AdminAuthenticationFilter implements ContainerRequestFilter {

    @Inject
    AdminCredential credential;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!credential.matches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Problems.response(ProblemType.UNAUTHENTICATED,
                    "This operation needs the admin bearer token", List.of()));
        }
    }
}

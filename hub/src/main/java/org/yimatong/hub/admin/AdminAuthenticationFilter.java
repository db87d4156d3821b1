package org.yimatong.hub.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.yimatong.hub.home.YimatongHome;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.problem.ProblemType;

/** Refuses an {@link AdminOnly} call unless it carries {@code Authorization: Bearer <admin token>}. */
@Provider
@AdminOnly
public class AdminAuthenticationFilter implements ContainerRequestFilter {

    private final byte[] token;

    @Inject
    public AdminAuthenticationFilter(AdminConfig config) {
        this.token = config.token().orElseGet(() -> YimatongHome.secret("admin.token", "ymt.admin.token"))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        byte[] presented = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(presented, token)) {
            request.abortWith(Problems.response(ProblemType.UNAUTHENTICATED,
                    "This operation needs the admin bearer token", List.of()));
        }
    }
}

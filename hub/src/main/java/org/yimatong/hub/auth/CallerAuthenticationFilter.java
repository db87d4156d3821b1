package org.yimatong.hub.auth;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.yimatong.schemas.jose.ClientAssertion;
import org.jboss.logging.Logger;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Runs {@link CallerAuthenticator} before every {@link CallerAuthenticated} endpoint. */
public class CallerAuthenticationFilter {

    private static final Logger LOG = Logger.getLogger(CallerAuthenticationFilter.class);

    private final CallerAuthenticator authenticator;
    private final CurrentCaller currentCaller;

    public CallerAuthenticationFilter(CallerAuthenticator authenticator, CurrentCaller currentCaller) {
        this.authenticator = authenticator;
        this.currentCaller = currentCaller;
    }

    @CallerAuthenticated
    @ServerRequestFilter
    public Uni<Response> authenticate(HttpServerRequest request) {
        return authenticator.authenticate(request.getHeader(ClientAssertion.HEADER), request.sslSession())
                .map(caller -> {
                    currentCaller.set(caller);
                    return (Response) null;
                })
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    ProblemException p = (ProblemException) failure;
                    return Problems.response(p.type(), p.getMessage(), p.errors());
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("A client assertion failed outside the checks: %s", failure.toString());
                    return Problems.response(ProblemType.INVALID_CLIENT_ASSERTION, "The caller could not be authenticated",
                            List.of());
                });
    }
}

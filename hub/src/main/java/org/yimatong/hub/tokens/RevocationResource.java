package org.yimatong.hub.tokens;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.admin.AdminCredential;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.CallerAuthenticator;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.RevocationRequest;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/revocations}: puts a {@code jti} on the deny list until {@code expiresAt}. An administrator (admin
 * bearer token) may revoke anything; a member (client assertion in {@code Ymt-Client-Assertion}, or its
 * certificate) only what it issued itself. Revoking twice is not an error.
 */
@Path("/v1/revocations")
public class RevocationResource {

    private static final String ADMIN = "admin";

    private final AdminCredential admin;
    private final CallerAuthenticator authenticator;
    private final PostgresRevocationList revocations;
    private final AuditWriter audit;
    private final Clock clock;

    public RevocationResource(AdminCredential admin, CallerAuthenticator authenticator,
            PostgresRevocationList revocations, AuditWriter audit, Clock clock) {
        this.admin = admin;
        this.authenticator = authenticator;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> revoke(RevocationRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(ClientAssertion.HEADER) String assertion, @Context HttpServerRequest http) {
        long started = System.nanoTime();
        Uni<String> who = authorization != null && admin.matches(authorization) ? Uni.createFrom().item(ADMIN)
                : Uni.createFrom().deferred(() -> authenticator.authenticate(assertion, http.sslSession()))
                        .map(caller -> caller.entityId());
        return who.flatMap(revoker -> {
            Validation.requireValid(request);
            if (!ADMIN.equals(revoker) && !revoker.equals(request.issuer())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "a member may revoke only what it issued");
            }
            return revocations.revokeAsync(request.issuer(), request.jti(), request.expiresAt(), request.kind(),
                    request.reason(), revoker)
                    .flatMap(v -> audit.append(new AuditEvent(clock.instant(), revoker, request.issuer(), "revocation",
                            Action.REVOCATION, request.jti(), "OK",
                            (int) ((System.nanoTime() - started) / 1_000_000))))
                    .replaceWith(Response.noContent().build());
        });
    }
}

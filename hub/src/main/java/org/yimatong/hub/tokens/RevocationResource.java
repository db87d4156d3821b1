package org.yimatong.hub.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.RevocationRequest;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/revocations}: puts a {@code jti} on the deny list until {@code expiresAt}. An operator may revoke
 * anything; a member only what it issued itself. Revoking twice is not an error. A revoked code is answered
 * UNKNOWN with reason {@code REVOKED} by every verification at this hub, without a call to its home.
 */
@Path("/v1/revocations")
@RolesAllowed({ Roles.OPERATOR, Roles.MEMBER, Roles.HUB })
public class RevocationResource {

    private static final String ADMIN = "admin";

    private final SecurityIdentity identity;
    private final CurrentCaller caller;
    private final PostgresRevocationList revocations;
    private final AuditWriter audit;
    private final Clock clock;
    private final Duration maxLifetime;

    public RevocationResource(SecurityIdentity identity, CurrentCaller caller, PostgresRevocationList revocations,
            AuditWriter audit, Clock clock,
            @ConfigProperty(name = "ymt.revocations.max-lifetime", defaultValue = "2d") Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
        this.identity = identity;
        this.caller = caller;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> revoke(RevocationRequest request) {
        long started = System.nanoTime();
        String revoker = identity.hasRole(Roles.OPERATOR) ? ADMIN : caller.get().entityId();
        Validation.requireValid(request);
        if (!ADMIN.equals(revoker) && !revoker.equals(request.issuer())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "a member may revoke only what it issued");
        }
        // every instance keeps each revocation in memory until expiresAt: a far one would be kept for ever
        Instant latest = clock.instant().plus(maxLifetime);
        if (request.expiresAt().isAfter(latest)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "expiresAt is further away than any code or"
                    + " token lives", List.of(new FieldError("/expiresAt", "at most " + maxLifetime.toHours()
                            + " h from now (" + latest + ")")));
        }
        return revocations.revokeAsync(request.issuer(), request.jti(), request.expiresAt(), request.kind(),
                request.reason(), revoker)
                .flatMap(v -> audit.append(new AuditEvent(clock.instant(), revoker, request.issuer(), "revocation",
                        Action.REVOCATION, request.jti(), "OK", (int) ((System.nanoTime() - started) / 1_000_000))))
                .replaceWith(Response.noContent().build());
    }
}

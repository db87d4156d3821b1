package org.yimatong.hub.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.Roles;

import io.smallrye.mutiny.Uni;

/** Lets an operator check that no audit event was altered, removed or moved. */
@Path("/v1/audit/verify")
@RolesAllowed(Roles.OPERATOR)
public class AuditVerificationResource {

    private final AuditVerifier verifier;

    public AuditVerificationResource(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AuditVerifier.Verdict> verify() {
        return verifier.verify();
    }
}

package org.yimatong.hub.tokens;

import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * {@code /v1/departments/{id}/operators}: a department manages its own staff's bindings to legal persons (REQ-LOA-3)
 * with its own credential (session or client assertion), never another department's; every change is audited with
 * the department as actor. The hub operator's {@code /v1/admin/departments/...} stays the override.
 */
@Path("/v1/departments/{id}/operators")
@RolesAllowed(Roles.MEMBER)
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentOperatorResource {

    private final OperatorBindingStore store;
    private final CurrentCaller caller;
    private final AuditWriter audit;
    private final Clock clock;

    public DepartmentOperatorResource(OperatorBindingStore store, CurrentCaller caller, AuditWriter audit,
            Clock clock) {
        this.store = store;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    public Uni<List<OperatorBinding>> list(@PathParam("id") String department) {
        own(department);
        return store.list(department);
    }

    @PUT
    @Path("{operator}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OperatorBinding> bind(@PathParam("id") String department, @PathParam("operator") String operator,
            OperatorBinding binding) {
        own(department);
        OperatorBindingResource.checkBinding(department, operator, binding);
        return store.put(department, operator, binding).call(bound -> audited(department, operator, "BOUND"));
    }

    @GET
    @Path("{operator}")
    public Uni<OperatorBinding> get(@PathParam("id") String department, @PathParam("operator") String operator) {
        own(department);
        return OperatorBindingResource.found(store, department, operator);
    }

    @DELETE
    @Path("{operator}")
    public Uni<Response> unbind(@PathParam("id") String department, @PathParam("operator") String operator) {
        own(department);
        return OperatorBindingResource.removed(store, department, operator)
                .call(gone -> audited(department, operator, "UNBOUND"));
    }

    /** A department is its own client record: {@code id} must be the caller's entity id. */
    private void own(String department) {
        String self = caller.get().entityId();
        if (!self.equals(department)) {
            throw new ProblemException(ProblemType.FORBIDDEN, self + " manages only its own operators, not "
                    + department + "'s");
        }
    }

    private Uni<Void> audited(String department, String operator, String outcome) {
        return audit.append(new AuditEvent(clock.instant(), department, department, "operator-binding",
                Action.ADMIN, operator, outcome, 0));
    }
}

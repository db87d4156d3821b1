package org.yimatong.hub.appeals;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/** {@code POST /v1/appeals}, {@code GET /v1/appeals/{id}}, {@code POST /v1/appeals/{id}/decision}. */
@Path("/v1/appeals")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class AppealResource {

    /** The filing hub's own id for the appeal, to send the decision back to (as on the member API). */
    static final String APPEAL_ID_HEADER = "Ymt-Appeal-Id";
    private static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";

    private final Appeals appeals;
    private final CurrentCaller caller;

    public AppealResource(Appeals appeals, CurrentCaller caller) {
        this.appeals = appeals;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> file(@HeaderParam(Hops.HOP_HEADER) String hop, @HeaderParam(Hops.PATH_HEADER) String path,
            @HeaderParam(APPEAL_ID_HEADER) String upstreamId, AppealRequest request) {
        Validation.requireValid(request);
        if (upstreamId != null && !upstreamId.matches(ID_PATTERN)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "1 field is invalid",
                    List.of(new FieldError("/headers/" + APPEAL_ID_HEADER, "must match " + ID_PATTERN)));
        }
        return appeals.file(caller.get(), Hops.fromHeaders(hop, path), upstreamId, request)
                .map(appeal -> Response.created(URI.create("/v1/appeals/" + appeal.id())).entity(appeal).build());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Appeal> read(@PathParam("id") String id) {
        requireId(id);
        return appeals.read(caller.get(), id);
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Appeal> decide(@PathParam("id") String id,
            @HeaderParam(Hops.HOP_HEADER) String hop, @HeaderParam(Hops.PATH_HEADER) String path,
            AppealDecision decision) {
        requireId(id);
        Validation.requireValid(decision);
        return appeals.decide(caller.get(), Hops.fromHeaders(hop, path), id, decision);
    }

    private static void requireId(String id) {
        if (!id.matches(ID_PATTERN)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such appeal");
        }
    }
}

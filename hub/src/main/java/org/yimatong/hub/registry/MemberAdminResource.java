package org.yimatong.hub.registry;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.adapters.StandardAdapters;
import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/** Operators onboard, update and suspend members here (REQ-REG-1). */
@Path("/v1/admin/members")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberAdminResource {

    /** The dialects the hub has an adapter for (province-adapters). */
    private static final Set<String> DIALECTS = StandardAdapters.registry().dialects();

    private final MemberStore members;

    public MemberAdminResource(MemberStore members) {
        this.members = members;
    }

    @GET
    public Uni<List<MemberRecord>> list() {
        return members.list();
    }

    @POST
    public Uni<Response> create(MemberRecord record) {
        requireBody(record);
        return members.save(record, false).flatMap(created -> members.get(record.entityId()))
                .map(saved -> Response.status(Response.Status.CREATED).entity(saved.orElseThrow()).build());
    }

    @GET
    @Path("{id}")
    public Uni<MemberRecord> get(@PathParam("id") String entityId) {
        return members.get(entityId).map(found -> found.orElseThrow(() -> notFound(entityId)));
    }

    /** Creates or replaces the member; suspending one is a PUT with {@code status: SUSPENDED}. */
    @PUT
    @Path("{id}")
    public Uni<Response> put(@PathParam("id") String entityId, MemberRecord record) {
        requireBody(record);
        if (!entityId.equals(record.entityId())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The body is about another member",
                    List.of(new FieldError("/entityId", "must equal the id in the path, " + entityId)));
        }
        return members.save(record, true).flatMap(created -> members.get(entityId)
                .map(saved -> Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                        .entity(saved.orElseThrow()).build()));
    }

    private static void requireBody(MemberRecord record) {
        if (record == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A member record is required");
        }
        if (record.dialect() != null && !DIALECTS.contains(record.dialect())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "No adapter speaks dialect " + record.dialect(),
                    List.of(new FieldError("/dialect", "one of " + new TreeSet<>(DIALECTS))));
        }
    }

    static ProblemException notFound(String entityId) {
        return new ProblemException(ProblemType.NOT_FOUND, "No member " + entityId);
    }
}

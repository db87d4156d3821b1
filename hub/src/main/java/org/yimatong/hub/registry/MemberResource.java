package org.yimatong.hub.registry;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.schemas.payload.MemberPublicView;
import org.yimatong.schemas.payload.MemberRecord;

import io.smallrye.mutiny.Uni;

/** Who the members of this hub are, as anyone may see: no base URLs, no certificate fingerprints. */
@Path("/v1/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberStore members;

    public MemberResource(MemberStore members) {
        this.members = members;
    }

    @GET
    public Uni<List<MemberPublicView>> list() {
        return members.list().map(records -> records.stream().map(MemberRecord::publicView).toList());
    }

    @GET
    @Path("{id}")
    public Uni<MemberPublicView> get(@PathParam("id") String entityId) {
        return members.get(entityId)
                .map(found -> found.orElseThrow(() -> MemberAdminResource.notFound(entityId)).publicView());
    }
}

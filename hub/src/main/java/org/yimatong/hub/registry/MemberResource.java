package org.yimatong.hub.registry;

import java.time.Clock;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.schemas.payload.MemberPublicView;

import io.smallrye.mutiny.Uni;

/** Who the members of this hub are, as anyone may see: no base URLs, no certificate fingerprints. */
@Path("/v1/members")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final MemberStore members;
    private final Clock clock;

    public MemberResource(MemberStore members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    @GET
    public Uni<List<MemberPublicView>> list() {
        return members.list().map(records -> records.stream().map(record -> record.publicView().asOf(clock
                .instant())).toList());
    }

    @GET
    @Path("{id}")
    public Uni<MemberPublicView> get(@PathParam("id") String entityId) {
        return members.get(entityId)
                .map(found -> found.orElseThrow(() -> MemberAdminResource.notFound(entityId)).publicView().asOf(clock
                        .instant()));
    }
}

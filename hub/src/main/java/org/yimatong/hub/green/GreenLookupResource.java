package org.yimatong.hub.green;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.routes.RouteCalls;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/green-lookups} (REQ-GREEN-1): validates the request and hands it to the green lookup route
 * ({@link GreenLookupRoutes}): RED or YELLOW while the subject is listed, else GREEN, both from list state; with
 * {@code live=true} the home platform is asked too.
 */
@Path("/v1/green-lookups")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class GreenLookupResource {

    private final RouteCalls routes;
    private final CurrentCaller caller;
    private final HubConfig hub;

    public GreenLookupResource(RouteCalls routes, CurrentCaller caller, HubConfig hub) {
        this.routes = routes;
        this.caller = caller;
        this.hub = hub;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GreenLookupResult> lookup(@HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path, GreenLookupRequest request) {
        Caller who = caller.get();
        if (request == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A body is required", List.of());
        }
        List<FieldError> errors = request.validate();
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid green lookup", errors);
        }
        Hops hops = request.wantsLive() ? Hops.sentBy(hop, path, who.entityId(), who.isHub()).arrivingAt(hub
                .entityId()) : null;
        return routes.request(GreenLookupRoutes.URI, GreenLookup.arriving(request, who, hops, System.nanoTime()),
                GreenLookup.class).map(GreenLookup::result);
    }
}

package org.yimatong.hub.venues;

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
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.VenueScanAnswer;
import org.yimatong.schemas.payload.VenueScanRequest;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/venue-scans}: a visitor's platform reports a scan of another region's venue code (REQ-VENUE-1);
 * answered with the venue's public details once the venue code checks out, the scan then delivered to the venue's
 * platform ({@link VenueScans}). A report sent again is the same scan: its id is derived from the report itself
 * (reporter, venue, subject, time, direction); only a hub relaying a scan names it, with {@code Ymt-Scan-Id}.
 */
@Path("/v1/venue-scans")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class VenueScanResource {

    private final VenueScans scans;
    private final CurrentCaller caller;

    public VenueScanResource(VenueScans scans, CurrentCaller caller) {
        this.scans = scans;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VenueScanAnswer> scan(@HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path,
            @HeaderParam(MemberClient.SCAN_ID_HEADER) String scanId,
            @HeaderParam(MemberClient.SCAN_REPORTER_HEADER) String reporter, VenueScanRequest request) {
        Caller who = caller.get();
        return scans.scan(who, Hops.sentBy(hop, path, who.entityId(), who.isHub()), scanId, reporter, request);
    }
}

package org.yimatong.hub.green;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.lists.ListStateLookup;
import org.yimatong.hub.lists.ListStateLookup.Listed;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.routing.Hops;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.hub.routing.TreeRouter;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/green-lookups} (REQ-GREEN-1): RED or YELLOW while the subject is listed, else GREEN, both from
 * list state ({@code source=LIST}); {@code home} is the listing member, or the child serving {@code rgn}. With
 * {@code live=true} the home platform is asked too, through the tree and under the same timeout and breaker as
 * verifications: its answer counts unless the list is more severe, and a home that cannot answer gives
 * {@code UNKNOWN} with {@code HOME_UNAVAILABLE} (or the listing), never RED. Every hub holds the whole federation's
 * list state (REQ-LIST-12: batches are relayed up the tree and the parent's change feed followed down), so the
 * list answer is this hub's own, also while its parent or the region's hub is unreachable.
 */
@Path("/v1/green-lookups")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class GreenLookupResource {

    private final ListStateLookup lists;
    private final MemberDirectory directory;
    private final CurrentCaller caller;
    private final AuditWriter audit;
    private final ListsConfig config;
    private final Clock clock;

    private final TreeRouter router;
    private final MemberClient members;
    private final HubConfig hub;

    public GreenLookupResource(ListStateLookup lists, MemberDirectory directory, CurrentCaller caller,
            AuditWriter audit, ListsConfig config, Clock clock, TreeRouter router, MemberClient members,
            HubConfig hub) {
        this.router = router;
        this.members = members;
        this.hub = hub;
        this.lists = lists;
        this.directory = directory;
        this.caller = caller;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<GreenLookupResult> lookup(@HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path, GreenLookupRequest request) {
        Caller who = caller.get();
        String actor = who.entityId();
        if (request == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A body is required", List.of());
        }
        List<FieldError> errors = request.validate();
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid green lookup", errors);
        }
        Instant started = clock.instant();
        Uni<GreenLookupResult> answer = lists.listingOf(request.sub())
                .map(listing -> answer(request, listing, clock.instant()));
        if (request.wantsLive()) {
            Hops hops = Hops.sentBy(hop, path, actor, who.isHub()).arrivingAt(hub.entityId());
            answer = answer.flatMap(fromList -> live(request, hops, actor)
                    .map(fromHome -> moreSevere(fromList, fromHome)));
        }
        return answer
                .call(result -> audit.append(new AuditEvent(result.checkedAt(), actor,
                        result.home(), "green-lookup", Action.GREEN_LOOKUP,
                        request.sub(), result.status().name(),
                        (int) Duration.between(started, clock.instant()).toMillis())));
    }

    /** The home platform's own answer, or UNKNOWN when it cannot give one in time. */
    private Uni<GreenLookupResult> live(GreenLookupRequest request, Hops hops, String actor) {
        return ask(router.route(request.rgn()), request, hops, actor);
    }

    /** The next node's answer, or UNKNOWN when it cannot give one in time. */
    private Uni<GreenLookupResult> ask(RouteDecision decision, GreenLookupRequest request, Hops hops, String actor) {
        if (decision instanceof RouteDecision.ToChild child && !child.member().isActive()) {
            return Uni.createFrom().item(unavailable(child.member().entityId()));
        }
        Hops forwarded = hops.notBackTo(decision.entityId()).forwardedBy(hub.entityId(), actor);
        return members.greenLookup(Peer.of(decision), request, forwarded)
                .onFailure(MemberUnavailableException.class).recoverWithItem(failure -> unavailable(decision
                        .entityId()));
    }

    private GreenLookupResult unavailable(String home) {
        Instant now = clock.instant();
        return new GreenLookupResult(VerificationStatus.UNKNOWN, AnswerSource.LIVE, home, now, now,
                ReasonCode.HOME_UNAVAILABLE);
    }

    /** A listing is never softened by a live GREEN or UNKNOWN; a live RED outranks a YELLOW listing. */
    static GreenLookupResult moreSevere(GreenLookupResult fromList, GreenLookupResult fromHome) {
        boolean listed = fromList.reason() == ReasonCode.LISTED;
        if (!listed) {
            return fromHome;
        }
        return fromHome.status().severity() > fromList.status().severity() ? fromHome : fromList;
    }

    private GreenLookupResult answer(GreenLookupRequest request, Optional<Listed> listing, Instant now) {
        Instant horizon = now.plus(config.greenValidity());
        if (listing.isPresent()) {
            Listed listed = listing.get();
            Instant validUntil = listed.until().isBefore(horizon) ? listed.until() : horizon;
            return new GreenLookupResult(VerificationStatus.of(listed.colour()), AnswerSource.LIST, listed.member(),
                    now, validUntil, ReasonCode.LISTED);
        }
        String home = directory.childServing(request.rgn()).map(Member::entityId).orElse(null);
        return new GreenLookupResult(VerificationStatus.GREEN, AnswerSource.LIST, home, now, horizon, null);
    }
}

package org.yimatong.hub.green;

import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.hub.routing.TreeRouter;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.GreenLookupResult;

import io.smallrye.mutiny.Uni;

/**
 * For {@code live=true}: asks the home platform through the tree, under the same timeout and breaker as
 * verifications. Its answer counts unless the list is more severe; a home that cannot answer gives {@code UNKNOWN}
 * with {@code HOME_UNAVAILABLE} (or the listing), never RED.
 */
@Singleton
public class AskHome extends UniStep<GreenLookup> {

    private final TreeRouter router;
    private final MemberClient members;
    private final HubConfig hub;
    private final Clock clock;

    public AskHome(TreeRouter router, MemberClient members, HubConfig hub, Clock clock) {
        super(GreenLookup.class);
        this.router = router;
        this.members = members;
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    protected Uni<GreenLookup> apply(GreenLookup lookup) {
        if (!lookup.request().wantsLive()) {
            return Uni.createFrom().item(lookup);
        }
        return ask(router.route(lookup.request().rgn()), lookup)
                .map(fromHome -> lookup.answered(moreSevere(lookup.result(), fromHome)));
    }

    /** The next node's answer, or UNKNOWN when it cannot give one in time. */
    private Uni<GreenLookupResult> ask(RouteDecision decision, GreenLookup lookup) {
        if (decision instanceof RouteDecision.ToChild child && !child.member().isActive()) {
            return Uni.createFrom().item(unavailable(child.member().entityId()));
        }
        var forwarded = lookup.hops().notBackTo(decision.entityId()).forwardedBy(hub.entityId(),
                lookup.caller().entityId());
        return members.greenLookup(Peer.of(decision), lookup.request(), forwarded)
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
}

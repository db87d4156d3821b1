package org.yimatong.hub.appeals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.database.Redelivery;
import org.yimatong.hub.memberapi.MemberBadAnswerException;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.registry.ParentHub;
import org.yimatong.hub.routing.Hops;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.hub.routing.TreeRouter;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Files, tracks and decides appeals. An appeal is stored RECEIVED before it is sent on, becomes FORWARDED when
 * the next node acknowledges it, and DECIDED when the home's decision comes back from that node; a decision on
 * an appeal a hub filed here is relayed to that hub. Every step is one audit event.
 * <p>
 * Nothing is lost when the next node is down (REQ-APL-2): a RECEIVED appeal is due for another attempt, first
 * {@link Redelivery#FIRST_RETRY} after it was filed, then twice as long after each failure up to an hour; every
 * {@code ymt.appeals.redelivery-every} each instance claims the due ones ({@code FOR UPDATE SKIP LOCKED}, so one
 * instance at a time) and tries them. An instance that dies while delivering leaves its claim to lapse after
 * {@code ymt.appeals.claim} (2 minutes: far longer than a delivery takes).
 */
@ApplicationScoped
public class Appeals {

    private static final Logger LOG = Logger.getLogger(Appeals.class);
    private static final int CLAIMS_PER_ROUND = 50;

    private final AppealStore store;
    private final TreeRouter router;
    private final MemberDirectory members;
    private final MemberClient client;
    private final AuditWriter audit;
    private final HubConfig hub;
    private final ParentHub parent;
    private final Clock clock;
    private final Duration claim;

    Appeals(AppealStore store, TreeRouter router, MemberDirectory members, MemberClient client, AuditWriter audit,
            HubConfig hub, ParentHub parent, Clock clock,
            @ConfigProperty(name = "ymt.appeals.claim", defaultValue = "2m") Duration claim) {
        this.claim = claim;
        this.parent = parent;
        this.store = store;
        this.router = router;
        this.members = members;
        this.client = client;
        this.audit = audit;
        this.hub = hub;
        this.clock = clock;
    }

    /** Stores the appeal and sends it one node on towards the home platform of its region. */
    public Uni<Appeal> file(Caller caller, Hops hops, String upstreamId, AppealRequest request) {
        long started = System.nanoTime();
        hops.arrivingAt(hub.entityId());
        RouteDecision route = router.route(request.rgn());
        Hops forward = hops.notBackTo(route.entityId()).forwardedBy(hub.entityId(), caller.entityId());
        Instant now = clock.instant();
        AppealRecord received = new AppealRecord(DynamicCodeCodec.newJti(), Appeal.State.RECEIVED, request.sub(),
                request.rgn(), route.entityId(), caller.entityId(), upstreamId, request.ground(), request.batchTag(),
                now,
                now, null, null);
        boolean reachable = reachable(route);
        // due again after the claim's time: should this instance die before the answer, another delivers it
        return store.insert(received, request.statement(), forward, now.plus(claim))
                .chain(() -> reachable ? sendOn(received, Peer.of(route), request, forward, 1)
                        : retryLater(received, 1))
                .call(a -> audit.append(event(caller.entityId(), a, a.state().name(), started)))
                .map(AppealRecord::toAppeal);
    }

    private Uni<AppealRecord> sendOn(AppealRecord received, Peer peer, AppealRequest request, Hops forward,
            int attempt) {
        return client.fileAppeal(peer, received.id(), request, forward)
                .flatMap(ack -> {
                    AppealRecord forwarded = received.forwarded(ack.homeReference(), clock.instant());
                    return store.update(forwarded, Appeal.State.RECEIVED).map(ok -> forwarded);
                })
                .onFailure(f -> f instanceof MemberUnavailableException || f instanceof MemberBadAnswerException)
                .recoverWithUni(failure -> {
                    LOG.warnf("Appeal %s stays RECEIVED (attempt %d): %s", received.id(), attempt,
                            failure.getMessage());
                    return retryLater(received, attempt);
                });
    }

    /** A suspended child platform is not sent appeals; a hub or an active platform is. */
    private static boolean reachable(RouteDecision route) {
        return !(route instanceof RouteDecision.ToChild child) || child.member().isActive();
    }

    private Uni<AppealRecord> retryLater(AppealRecord received, int attempt) {
        return store.retryAt(received.id(), clock.instant().plus(Redelivery.backoff(attempt))).replaceWith(received);
    }

    @Scheduled(identity = "appeal-redelivery", every = "{ymt.appeals.redelivery-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRedelivery() {
        return redeliverDue().replaceWithVoid();
    }

    /**
     * Claims the appeals whose next attempt is due and sends each on again, towards the node it was filed for
     * (if the tree has changed since and its region routes elsewhere, it waits for an operator); how many went
     * FORWARDED.
     */
    public Uni<Integer> redeliverDue() {
        Instant now = clock.instant();
        return store.claimDue(now, now.plus(claim), CLAIMS_PER_ROUND).flatMap(due -> Redelivery.round(due,
                this::redeliver));
    }

    private Uni<Boolean> redeliver(AppealStore.Pending pending) {
        long started = System.nanoTime();
        AppealRecord received = pending.appeal();
        RouteDecision route = router.route(received.rgn());
        boolean reachable = route.entityId().equals(received.home()) && reachable(route);
        // the attempt made when it was filed, then one per claim
        int attempt = pending.attempts() + 1;
        if (!reachable) {
            return retryLater(received, attempt).replaceWith(false);
        }
        return sendOn(received, Peer.of(route), pending.request(), pending.forward(), attempt)
                .call(a -> a.state() == Appeal.State.RECEIVED ? Uni.createFrom().voidItem()
                        : audit.append(event(received.filedBy(), a, a.state().name(), started)))
                .map(a -> a.state() != Appeal.State.RECEIVED)
                // one appeal that cannot go fails alone: it is tried again later, the round goes on
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Appeal %s not redelivered (attempt %d): %s", received.id(), attempt, failure.toString());
                    return retryLater(received, attempt).replaceWith(false);
                });
    }

    /** The appeal, for the member that filed it only: to anyone else it does not exist. */
    public Uni<Appeal> read(Caller caller, String id) {
        return store.find(id).map(found -> found
                .filter(a -> a.filedBy().equals(caller.entityId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No appeal " + id + " filed by you")))
                .map(AppealRecord::toAppeal);
    }

    /**
     * Records the decision posted by the node the appeal was sent to. The same decision twice is answered again;
     * a different one is a conflict.
     */
    public Uni<Appeal> decide(Caller caller, Hops hops, String id, AppealDecision decision) {
        long started = System.nanoTime();
        hops.arrivingAt(hub.entityId());
        return store.find(id).flatMap(found -> {
            AppealRecord appeal = found.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No appeal "
                    + id));
            if (!appeal.home().equals(caller.entityId())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only " + appeal.home() + " may decide appeal " + id);
            }
            if (appeal.state() == Appeal.State.DECIDED) {
                if (Objects.equals(appeal.decision(), decision)) {
                    return Uni.createFrom().item(appeal.toAppeal());
                }
                throw new ProblemException(ProblemType.CONFLICT, "Appeal " + id + " was already decided otherwise");
            }
            AppealRecord decided = appeal.decided(decision, clock.instant());
            return store.update(decided, appeal.state())
                    .map(updated -> {
                        if (!updated) {
                            throw new ProblemException(ProblemType.CONFLICT, "Appeal " + id + " changed meanwhile");
                        }
                        return decided;
                    })
                    .call(d -> audit.append(event(caller.entityId(), d, AuditOutcome.of("DECIDED", decision.outcome()),
                            started)))
                    .invoke(d -> relayUpstream(d, hops, caller))
                    .map(AppealRecord::toAppeal);
        });
    }

    /** Sends the decision on to the hub that filed the appeal here, if a hub did; a failure is logged. */
    private void relayUpstream(AppealRecord decided, Hops hops, Caller caller) {
        if (decided.upstreamId() == null) {
            return;
        }
        Peer upstream;
        if (parent.entityId().filter(decided.filedBy()::equals).isPresent() && parent.present()) {
            upstream = Peer.parent(decided.filedBy(), parent.baseUrls());
        } else {
            var member = members.find(decided.filedBy()).filter(m -> m.kind() == MemberKind.HUB);
            if (member.isEmpty()) {
                return;
            }
            upstream = Peer.of(member.get());
        }
        Hops forward;
        try {
            forward = hops.forwardedBy(hub.entityId(), caller.entityId());
        } catch (ProblemException e) {
            LOG.warnf("Decision on appeal %s not relayed: %s", decided.id(), e.getMessage());
            return;
        }
        client.relayDecision(upstream, decided.upstreamId(), decided.decision(), forward).subscribe().with(
                ok -> LOG.debugf("Decision on appeal %s relayed to %s", decided.id(), upstream.entityId()),
                failure -> LOG.warnf("Decision on appeal %s not relayed to %s: %s", decided.id(), upstream.entityId(),
                        failure.getMessage()));
    }

    private AuditEvent event(String actor, AppealRecord appeal, String outcome, long started) {
        return new AuditEvent(clock.instant(), actor, appeal.home(), "appeal", Action.APPEAL, appeal.id(), outcome,
                AuditEvent.latencySince(started));
    }
}

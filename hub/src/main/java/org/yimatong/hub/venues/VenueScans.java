package org.yimatong.hub.venues;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.hub.adapters.MemberAdapters;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.database.Redelivery;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberRefusedException;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.routing.Hops;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.hub.routing.TreeRouter;
import org.yimatong.hub.verification.VerificationConfig;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.code.VenueCodeCodec.DecodedVenueCode;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.VenueScanAnswer;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VenueScanRequest;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Venue scans (DESIGN.md §5a, REQ-VENUE-1..2). A visitor's platform reports that one of its people scanned a venue
 * code of another region; the scan travels the tree like a verification, synchronously, to the hub whose child is
 * the venue's platform. That hub verifies the venue code with the platform's keys, stores the scan
 * ({@link VenueScanStore}: once per reporting platform and scan id, so a report repeated is one scan) and answers
 * the venue's public details at once; the scan reaches the venue's platform through its adapter afterwards, retried
 * with back-off by whichever instance claims it ({@code ymt.venue-scans.redelivery-every}) until the platform takes
 * it. A platform whose dialect carries no venue scans has its venues' scans refused ({@code forbidden}) before
 * anything is stored, never accepted and then dropped. Each scan is one audit event at each hub it passes
 * ({@code ACCEPTED} or the refusal's problem), and one more at the hub that delivers it when the platform takes it
 * ({@code DELIVERED}) or refuses it for good ({@code REFUSED:<slug>}); the visitor's pseudonym is never audited.
 */
@ApplicationScoped
public class VenueScans {

    private static final Logger LOG = Logger.getLogger(VenueScans.class);
    private static final int CLAIMS_PER_ROUND = 50;

    private final VenueScanStore store;
    private final TreeRouter router;
    private final MemberDirectory members;
    private final MemberClient client;
    private final MemberAdapters adapters;
    private final AuditWriter audit;
    private final HubConfig hub;
    private final Clock clock;
    private final Duration claim;
    private final VenueCodeCodec codec;

    VenueScans(VenueScanStore store, TreeRouter router, MemberDirectory members, MemberClient client,
            MemberAdapters adapters, AuditWriter audit, HubConfig hub, Clock clock, VerificationConfig verification,
            @ConfigProperty(name = "ymt.venue-scans.claim", defaultValue = "2m") Duration claim) {
        this.store = store;
        this.router = router;
        this.members = members;
        this.client = client;
        this.adapters = adapters;
        this.audit = audit;
        this.hub = hub;
        this.clock = clock;
        this.claim = claim;
        this.codec = new VenueCodeCodec(clock, verification.codeSkew(), EnumSet.allOf(SignatureProfile.class));
    }

    /**
     * Accepts one scan: verified and stored here if the venue's platform is a child of this hub, else sent on to the
     * next hub, whose answer this is.
     */
    public Uni<VenueScanAnswer> scan(Caller caller, Hops hops, String scanIdHeader, String reporterHeader,
            VenueScanRequest request) {
        long started = System.nanoTime();
        Validation.requireValid(request);
        hops.arrivingAt(hub.entityId());
        String reportedBy = reporter(caller, reporterHeader);
        DecodedVenueCode decoded = codec.parse(request.venueCode());
        String scanId = caller.isHub() ? relayedScanId(scanIdHeader) : scanId(reportedBy, decoded.claims(), request);
        // from here on, a refusal is audited with the venue's platform
        return Uni.createFrom().deferred(() -> routed(caller, hops, decoded, scanId, reportedBy, request))
                .call(accepted -> audit.append(event(caller, decoded.claims(), scanId, "ACCEPTED", started)))
                .onFailure(ProblemException.class).call(failure -> audit.append(event(caller, decoded.claims(),
                        scanId, AuditOutcome.failure(failure), started)));
    }

    private Uni<VenueScanAnswer> routed(Caller caller, Hops hops, DecodedVenueCode decoded, String scanId,
            String reportedBy, VenueScanRequest request) {
        RouteDecision decision = router.route(decoded.claims().rgn());
        Uni<VenueScanAnswer> answer;
        if (decision instanceof RouteDecision.ToChild child && child.member().kind() == MemberKind.PLATFORM) {
            answer = accept(child.member(), decoded, scanId, reportedBy, request);
        } else {
            codec.checkTimes(decoded.claims(), clock.instant());
            Hops forward = hops.notBackTo(decision.entityId()).forwardedBy(hub.entityId(), caller.entityId());
            answer = client.forwardVenueScan(Peer.of(decision), scanId, reportedBy, request, forward)
                    .onFailure(MemberUnavailableException.class).transform(failure -> new ProblemException(
                            ProblemType.MEMBER_TIMEOUT, "The venue's platform cannot be reached through "
                                    + decision.entityId() + " now; report the scan again later"))
                    .onFailure(MemberRefusedException.class).transform(failure -> {
                        MemberRefusedException refused = (MemberRefusedException) failure;
                        return new ProblemException(refused.type(), refused.getMessage());
                    });
        }
        return answer;
    }

    /** The venue's platform is a child of this hub: verify its code, store the scan, deliver it after answering. */
    private Uni<VenueScanAnswer> accept(Member venuePlatform, DecodedVenueCode decoded, String scanId,
            String reportedBy, VenueScanRequest request) {
        VenueClaims unverified = decoded.claims();
        if (!venuePlatform.entityId().equals(unverified.iss())) {
            throw new ProblemException(ProblemType.UNKNOWN_ISSUER, "Region " + unverified.rgn() + " is served by "
                    + venuePlatform.entityId() + ", not by the venue code's issuer");
        }
        if (decoded.kid() == null) {
            throw new ProblemException(ProblemType.CODE_MALFORMED, "The venue code's header names no key (kid)");
        }
        return members.keysFor(venuePlatform, decoded.kid()).flatMap(keys -> {
            Instant now = clock.instant();
            VenueClaims claims = codec.verify(decoded, keys, now);
            requireTakesVenueScans(venuePlatform);
            VenueScanRecord scan = new VenueScanRecord(scanId, claims.vid(), request.subject(), request.at(),
                    request.direction(), reportedBy);
            Validation.requireValid(scan);
            return store.insert(venuePlatform.entityId(), scan, now, now.plus(claim)).invoke(stored -> {
                if (stored) {
                    // answered now; delivered on its own, and by any instance's round if this attempt fails
                    deliver(new VenueScanStore.Owed(venuePlatform.entityId(), scan, 1)).subscribe().with(ok -> {
                    }, failure -> LOG.debugf("Venue scan %s not delivered yet: %s", scanId, failure));
                }
            }).replaceWith(VenueScanAnswer.accepted(claims, scanId));
        });
    }

    /**
     * Refuses, before anything is stored, a scan of a venue whose platform's dialect cannot carry venue scans: it
     * could never be delivered. Known for an active platform whose adapter is configured; for one suspended or not
     * configured yet the scan is kept, as for a platform that is down, and delivery decides once it can be tried.
     */
    private void requireTakesVenueScans(Member venuePlatform) {
        if (!venuePlatform.isActive()) {
            return;
        }
        boolean takes;
        try {
            takes = adapters.adapter(venuePlatform.entityId(), Operation.VENUE_SCAN).isPresent();
        } catch (IllegalArgumentException adapterNotConfigured) {
            return;
        }
        if (!takes) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The venue's platform " + venuePlatform.entityId()
                    + " takes no venue scans (its dialect " + venuePlatform.dialect() + " does not carry them):"
                    + " scans of its venues are not accepted");
        }
    }

    @Scheduled(identity = "venue-scan-redelivery", every = "{ymt.venue-scans.redelivery-every:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRedelivery() {
        return redeliverDue().replaceWithVoid();
    }

    /** Claims the scans whose next attempt is due and delivers each; how many the platforms took. */
    public Uni<Integer> redeliverDue() {
        Instant now = clock.instant();
        return store.claimDue(now, now.plus(claim), CLAIMS_PER_ROUND).flatMap(due -> Redelivery.round(due,
                this::deliver));
    }

    /** One attempt: delivered (recorded), refused by the platform (kept for an operator) or unavailable (later). */
    private Uni<Boolean> deliver(VenueScanStore.Owed owed) {
        VenueScanRecord scan = owed.record();
        Member venuePlatform = members.find(owed.venueMember()).filter(Member::isActive).orElse(null);
        if (venuePlatform == null) {
            return retryLater(scan, owed.attempts()).replaceWith(false);
        }
        Hops hops = Hops.fromHeaders(null, null).forwardedBy(hub.entityId(), scan.reportedBy());
        long started = System.nanoTime();
        return client.deliverVenueScan(Peer.of(venuePlatform), scan, hops)
                .call(() -> store.delivered(scan, clock.instant()))
                // delivered and recorded: an audit write that fails is logged as such, never taken for a failed
                // delivery (the scan is not owed any more, so it must not be scheduled again)
                .call(() -> audit.append(new AuditEvent(clock.instant(), scan.reportedBy(), owed.venueMember(),
                        "venue-scan", Action.VENUE_SCAN, scan.scanId(), "DELIVERED", AuditEvent.latencySince(
                                started))).onFailure().recoverWithItem(failure -> {
                                    LOG.errorf("Venue scan %s delivered to %s, but its audit event was not written: %s",
                                            scan.scanId(), owed.venueMember(), failure.toString());
                                    return null;
                                }))
                .replaceWith(true)
                .onFailure(MemberRefusedException.class).recoverWithUni(failure -> {
                    // a 4xx is the platform's final word (an unknown venue): kept for an operator, not redelivered
                    LOG.warnf("Venue scan %s refused by %s: %s", scan.scanId(), owed.venueMember(), failure
                            .getMessage());
                    return store.refused(scan, clock.instant())
                            .call(() -> audit.append(new AuditEvent(clock.instant(), scan.reportedBy(),
                                    owed.venueMember(), "venue-scan", Action.VENUE_SCAN, scan.scanId(),
                                    AuditOutcome.of("REFUSED", ((MemberRefusedException) failure).type().slug()),
                                    AuditEvent.latencySince(started))))
                            .replaceWith(false);
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Venue scan %s not delivered to %s (attempt %d): %s", scan.scanId(), owed.venueMember(),
                            owed.attempts(), failure.toString());
                    return retryLater(scan, owed.attempts()).replaceWith(false);
                });
    }

    private Uni<Void> retryLater(VenueScanRecord scan, int attempts) {
        return store.retryAt(scan, clock.instant().plus(Redelivery.backoff(attempts)));
    }

    /** The platform that reported the scan: the caller, or, for a hub relaying it, the platform the hub names. */
    private static String reporter(Caller caller, String reporterHeader) {
        if (!caller.isHub()) {
            return caller.entityId();
        }
        if (reporterHeader == null || !Patterns.ENTITY_ID.matcher(reporterHeader).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A hub relaying a venue scan names its reporter",
                    List.of(new FieldError("/headers/" + MemberClient.SCAN_REPORTER_HEADER,
                            "required from a hub, an entity id")));
        }
        return reporterHeader;
    }

    /**
     * The id of a scan: the same for the same report (reporter, venue, subject, time, direction), so a platform that
     * reports a scan again because it lost the answer gets the same id and the venue one visit (the contract's
     * idempotency).
     */
    private static String scanId(String reportedBy, VenueClaims venue, VenueScanRequest request) {
        String report = String.join("\n", reportedBy, venue.iss(), venue.vid(), request.subject(), request.at()
                .toString(), request.direction().name());
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(report.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    private static String relayedScanId(String scanIdHeader) {
        if (scanIdHeader == null || !Patterns.RESOURCE_ID.matcher(scanIdHeader).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid scan id", List.of(new FieldError(
                    "/headers/" + MemberClient.SCAN_ID_HEADER,
                    "required from a hub relaying a scan: 1 to 64 of A-Z a-z 0-9 _ -")));
        }
        return scanIdHeader;
    }

    private AuditEvent event(Caller caller, VenueClaims venue, String scanId, String outcome, long started) {
        return new AuditEvent(clock.instant(), caller.entityId(), venue.iss(), "venue-scan", Action.VENUE_SCAN,
                scanId, outcome, AuditEvent.latencySince(started));
    }
}

package org.yimatong.hub.memberapi;

import java.util.List;

import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.MemberPublicView;
import org.yimatong.schemas.payload.VenueScanAnswer;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VenueScanRequest;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

import io.smallrye.mutiny.Uni;

/**
 * The next node of the tree, asynchronously. Every call fails with one of: {@link MemberUnavailableException}
 * (down, slow, breaker open, 5xx), {@link MemberBadAnswerException} (an answer outside the contract), or
 * {@link MemberRefusedException} (a problem answer of the contract, e.g. 404 or a loop further on).
 */
public interface MemberClient {

    /** {@code POST /member/v1/verifications} of a platform, {@code POST /v1/verifications} of a hub. */
    Uni<VerificationResult> verify(Peer peer, VerificationRequest request, Hops hops);

    /** {@code POST /member/v1/green-lookups} of a platform, {@code POST /v1/green-lookups} of a hub. */
    Uni<GreenLookupResult> greenLookup(Peer peer, GreenLookupRequest request, Hops hops);

    /**
     * {@code POST /member/v1/appeals} of a platform (answer 202) or {@code POST /v1/appeals} of a hub (answer
     * 201, whose id becomes the home reference); {@code appealId} is this hub's id, for the decision callback.
     */
    Uni<AppealAcknowledgement> fileAppeal(Peer peer, String appealId, AppealRequest request, Hops hops);

    /** {@code POST /v1/appeals/{id}/decision} of a hub: a decision travelling back towards the appellant. */
    Uni<Void> relayDecision(Peer peer, String appealId, AppealDecision decision, Hops hops);

    /**
     * {@code POST /v1/introspect} of a hub (RFC 7662, this hub authenticated by a client assertion in the form):
     * an ID token routed towards the hub that holds its issuer's keys.
     */
    Uni<IntrospectionResponse> introspectIdToken(Peer hub, String token, Hops hops);

    /**
     * A native code string (REQ-CODE-2) checked live: by the platform's adapter, or sent on to a hub as a
     * verification like any other.
     */
    Uni<VerificationResult> verifyNative(Peer peer, VerificationRequest request, Hops hops);

    /** The id of a venue scan a hub relays (the reporting platform's own, or the first hub's). */
    String SCAN_ID_HEADER = "Ymt-Scan-Id";
    /** The platform that reported a venue scan, as the first hub saw it; only a hub may state it. */
    String SCAN_REPORTER_HEADER = "Ymt-Scan-Reporter";

    /**
     * A venue scan sent on to the next hub (REQ-VENUE-1), which checks the venue code or sends it on again; its
     * answer.
     */
    Uni<VenueScanAnswer> forwardVenueScan(Peer hub, String scanId, String reportedBy, VenueScanRequest request,
            Hops hops);

    /** A venue scan delivered to the venue's platform through its adapter (REQ-VENUE-2). */
    Uni<Void> deliverVenueScan(Peer platform, VenueScanRecord scan, Hops hops);

    /** {@code GET /v1/members} of a child hub: its direct members as it publishes them (the console's tree). */
    Uni<List<MemberPublicView>> members(Peer hub);
}

package org.yimatong.adapters.spi;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

/**
 * One member platform, spoken to in its own dialect, seen through the v1 member operations. Every method returns
 * at once; no thread waits for the member. A stage never completes with a made-up colour: it completes with the
 * member's answer in v1 form, or exceptionally with a {@link MemberProblem} naming the member
 * ({@code member-bad-answer} 502 for anything outside the dialect, {@code member-timeout} 504, or the refusal
 * of a v1 member). Adapters add no retries, breakers or metrics: the hub wraps them.
 *
 * <p>An operation not in {@link #operations()} completes exceptionally with {@link UnsupportedOperationException}
 * (a hub configuration error, not a member fault); the hub checks {@code operations()} first.
 */
public interface MemberAdapter {

    /** The settings this adapter was made with. */
    MemberEndpoint endpoint();

    /** The operations this dialect can carry. */
    Set<Operation> operations();

    /** The member's live answer for a code it issued ({@code source} LIVE). */
    default CompletionStage<VerificationResult> verify(VerificationRequest request, Forwarding forwarding) {
        return unsupported(Operation.VERIFY);
    }

    /** The member's live answer for a pseudonymous subject ({@code source} LIVE). */
    default CompletionStage<GreenLookupResult> greenLookup(GreenLookupRequest request, Forwarding forwarding) {
        return unsupported(Operation.GREEN_LOOKUP);
    }

    /** The member's published signing key set. */
    default CompletionStage<JwkSet> keySet() {
        return unsupported(Operation.KEY_SET);
    }

    /**
     * Hands an appeal to the member.
     *
     * @param appealId the hub's appeal id, for the member's decision callback
     */
    default CompletionStage<AppealAcknowledgement> submitAppeal(String appealId, AppealRequest request,
            Forwarding forwarding) {
        return unsupported(Operation.APPEAL);
    }

    /**
     * The member's full red/yellow list of {@code day} as v1 entries, pseudonymised with {@code listKey} inside
     * the adapter. The stage completes when the member starts answering; the stream then reads the answer as it
     * is consumed (so a million-line list is never held in memory), and must be closed. A bad line does not end
     * the stream early: every bad line is collected and the stream throws one {@link MemberProblem} naming them
     * all (by line number, IDs masked) when it reaches the end, so a consumer that stores entries must treat
     * the list as one transaction.
     *
     * @param listKey the hub's list key of the current epoch (DESIGN.md §7); not retained
     */
    default CompletionStage<Stream<ListEntry>> dailyList(LocalDate day, byte[] listKey) {
        return unsupported(Operation.DAILY_LIST);
    }

    /**
     * The platform's live answer for one of its native code strings (REQ-CODE-2), the {@code code} of
     * {@code request}, one its dialect's {@link NativeCodes} recognised: {@code source} LIVE with the colour the
     * platform answered, or {@code UNKNOWN} ({@code NOT_FOUND_AT_HOME} when the platform does not know the code,
     * {@code REVOKED}); never a colour read from the string. What else of the request reaches the platform is the
     * dialect's: {@code v1} sends it as a verification (checkpoint, purpose, {@code disclose}), {@code soap-md5} the
     * string alone. A dialect without native codes refuses with {@code not-found}: the code is not this home's, which
     * the hub answers {@code UNKNOWN}, as for a code its home does not know.
     */
    default CompletionStage<VerificationResult> verifyNative(VerificationRequest request, Forwarding forwarding) {
        return CompletableFuture.failedFuture(MemberProblem.refused(endpoint().member(), ProblemType.NOT_FOUND,
                "dialect " + endpoint().dialect() + " does not carry native codes"));
    }

    /**
     * Delivers a visit to one of the member's venues (REQ-VENUE-2). The stage completes when the member has taken
     * it (a repeat of a {@code scanId} it already has is taken too); it fails with a {@code REFUSED}
     * {@link MemberProblem} when the member refuses the record for good (the hub stops redelivering) and with any
     * other kind when the member could not take it now (the hub redelivers later).
     */
    default CompletionStage<Void> deliverVenueScan(VenueScanRecord record, Forwarding forwarding) {
        return unsupported(Operation.VENUE_SCAN);
    }

    private <T> CompletionStage<T> unsupported(Operation operation) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                endpoint().member() + ": dialect " + endpoint().dialect() + " does not carry " + operation));
    }
}

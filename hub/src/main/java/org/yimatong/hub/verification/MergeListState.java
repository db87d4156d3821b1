package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.lists.ListMerge;
import org.yimatong.hub.lists.ListState;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.payload.VerificationResult;

import io.smallrye.mutiny.Uni;

/**
 * Merges the answer with the subject's list state, found by the list pseudonym the home gave in its live answer
 * (REQ-VER-5): a listed RED or YELLOW never comes out GREEN. Without a live answer there is nothing to merge by:
 * the answer stays UNKNOWN.
 * <p>
 * A native code is answered only {@code LIVE} or {@code UNKNOWN} (REQ-CODE-2), and every hub above refuses
 * anything else for it. The listing still raises its colour, but the answer stays the live answer it is: its
 * source {@code LIVE}, with reason {@code LISTED} saying the list raised it. It is merged only when it is live:
 * a native code's answer from no live check has no colour to raise.
 */
@Singleton
public class MergeListState extends UniStep<Verification> {

    private final ListState lists;
    private final Clock clock;

    public MergeListState(ListState lists, Clock clock) {
        super(Verification.class);
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        VerificationResult answer = v.result();
        String listSub = answer.listSub();
        if (listSub == null || v.isNative() && answer.source() != AnswerSource.LIVE) {
            return Uni.createFrom().item(v);
        }
        return lists.listingOf(listSub).map(listing -> {
            VerificationResult merged = ListMerge.merge(answer, listing, clock.instant());
            if (v.isNative() && merged.source() == AnswerSource.LIST) {
                merged = merged.withStatus(merged.status(), AnswerSource.LIVE, merged.reason(), merged.validUntil());
            }
            return v.answered(merged);
        });
    }
}

package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.lists.ListMerge;
import org.yimatong.hub.lists.ListState;
import org.yimatong.hub.routes.UniStep;

import io.smallrye.mutiny.Uni;

/**
 * Merges the answer with the subject's list state, found by the list pseudonym the home gave in its live answer
 * (REQ-VER-5): a listed RED or YELLOW never comes out GREEN. Without a live answer there is nothing to merge by:
 * the answer stays UNKNOWN.
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
        String listSub = v.result().listSub();
        if (listSub == null) {
            return Uni.createFrom().item(v);
        }
        return lists.listingOf(listSub).map(listing -> v.answered(ListMerge.merge(v.result(), listing, clock
                .instant())));
    }
}

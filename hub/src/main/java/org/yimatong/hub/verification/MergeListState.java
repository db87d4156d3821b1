package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.lists.ListMerge;
import org.yimatong.hub.lists.ListState;

import io.smallrye.mutiny.Uni;

/** Merges the answer with the subject's list state: a listed RED or YELLOW never comes out GREEN. */
@Singleton
public class MergeListState extends UniStep {

    private final ListState lists;
    private final Clock clock;

    public MergeListState(ListState lists, Clock clock) {
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    Uni<Void> apply(Verification v) {
        return lists.listingOf(v.claims)
                .invoke(listing -> v.result = ListMerge.merge(v.result, listing, clock.instant()))
                .replaceWithVoid();
    }
}

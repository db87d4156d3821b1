package org.yimatong.hub.lists;

import org.yimatong.schemas.payload.ChangesPage;
import org.yimatong.schemas.payload.ListKey;

import io.smallrye.mutiny.Uni;

/**
 * What the lists need of this hub's parent (REQ-LIST-11, REQ-LIST-12): the federation's list key, its change
 * feed, and the batches of this hub's subtree sent up. Implemented by the one member client (memberapi), which
 * authenticates this hub to its parent and guards every call; declared here so the lists depend on no caller.
 */
public interface ParentLists {

    /** Whether this hub has a parent at all (the root has none). */
    boolean present();

    /** {@code GET /v1/lists/key?epoch=} of the parent. */
    Uni<ListKey> listKey(String epoch);

    /** {@code GET /v1/lists/changes?after=&limit=} of the parent: what this hub does not hold yet. */
    Uni<ChangesPage> changes(String after, int limit);

    /** {@code POST /v1/lists/batches} of the parent: a batch of this hub's subtree, countersigned by this hub. */
    Uni<Void> forward(RelayedBatch batch);
}

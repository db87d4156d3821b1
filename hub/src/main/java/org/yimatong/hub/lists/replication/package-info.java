/**
 * Lists replicated through the tree (REQ-LIST-12): the batches of this hub's subtree relayed to the parent with
 * this hub's countersignature ({@link org.yimatong.hub.lists.replication.BatchRelay}), and the parent's change
 * feed followed for everything else ({@link org.yimatong.hub.lists.replication.ParentFeedFollower}), so every
 * hub answers green lookups and verification merges from its own state.
 */
package org.yimatong.hub.lists.replication;

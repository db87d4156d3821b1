/**
 * Red/yellow list state as the rest of the hub reads it (DESIGN.md §7). For now only the seam the
 * verification merge needs ({@link org.yimatong.hub.lists.ListState}) and its "not listed" default; batch
 * ingest, changes and snapshots come with the lists issue.
 */
package org.yimatong.hub.lists;

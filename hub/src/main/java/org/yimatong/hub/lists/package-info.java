/**
 * Red/yellow lists (DESIGN.md §7): list keys ({@code keys}), the one ingest route fed by HTTP uploads, file drops
 * and daily pulls ({@code ingest}), the change feed and snapshot ({@code feed}), member callbacks
 * ({@code callbacks}), replication through the tree ({@code replication}) and retention ({@code retention}). Here: the list state other capabilities read ({@link
 * org.yimatong.hub.lists.ListState} for the verification merge, {@link org.yimatong.hub.lists.ListStateLookup}),
 * configuration and the request-size guard. Green lookups live in {@code org.yimatong.hub.green}.
 */
package org.yimatong.hub.lists;

/**
 * Calls from this hub to the next node of the tree, under one guard per node (timeout, circuit breaker, metrics
 * per node and outcome) and turned into three failures (refused, unavailable, bad answer): platforms through their
 * adapter ({@code adapters}), child hubs and the parent through the hub API, all over the hub's one outbound
 * client ({@code outbound}). Deciding where to go is {@code routing}'s job, not this one's.
 */
package org.yimatong.hub.memberapi;

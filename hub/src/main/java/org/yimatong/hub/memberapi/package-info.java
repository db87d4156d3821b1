/**
 * Calls from this hub to the next node of the tree: a member platform's {@code /member/v1/...} API, a child
 * hub's or the parent hub's {@code /v1/...} API. Non-blocking HTTP, a timeout and a circuit breaker per
 * member, metrics per member and outcome. Deciding where to go is {@code routing}'s job, not this one's.
 */
package org.yimatong.hub.memberapi;

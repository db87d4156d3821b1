/**
 * What a checkpoint may see (REQ-PRIV-1): the purpose policy this hub applies (the root's, followed down the tree,
 * published at {@code GET /v1/purposes}) and, per verification, the {@link DisclosurePlan}: what to ask the next node,
 * what to strip from its answer, which rules to decide, what the caller's level does not reach.
 */
package org.yimatong.hub.purposes;

/**
 * The append-only, hash-chained audit trail of cross-region requests: group-committed writes, chain
 * verification, and members' reads of the events about them. What to record is decided by the callers.
 */
package org.yimatong.hub.audit;

package org.yimatong.hub.audit;

import java.time.Instant;

import org.yimatong.schemas.payload.AuditEvent.Action;

/**
 * One cross-region request as the audit trail records it (DESIGN.md §9). {@code actor} is the calling
 * member, {@code member} the member the request was about or routed to; {@code target} is a code id or
 * a pseudonymous subject, never an ID number.
 */
public record AuditEvent(
        Instant at,
        String actor,
        String member,
        String purpose,
        Action action,
        String target,
        String outcome,
        int latencyMs) {}

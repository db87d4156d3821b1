package org.yimatong.hub.audit;

import java.time.Instant;

import org.yimatong.schemas.payload.AuditEvent.Action;

/**
 * One cross-region request as the audit trail records it (DESIGN.md §9). {@code actor} is the calling
 * member, {@code member} the member the request was about or routed to; {@code target} is a code id or
 * a pseudonymous subject, never an ID number. {@code subject} is the list pseudonym of the person the request was
 * about, where known, and {@code origin} the entity that first asked (REQ-AUD-3: the person's home can show who
 * looked at them); both null otherwise.
 */
public record AuditEvent(
        Instant at,
        String actor,
        String member,
        String purpose,
        Action action,
        String target,
        String outcome,
        int latencyMs,
        String subject,
        String origin) {

    /** An event about no known person, asked for by its caller itself. */
    public AuditEvent(Instant at, String actor, String member, String purpose, Action action, String target,
            String outcome, int latencyMs) {
        this(at, actor, member, purpose, action, target, outcome, latencyMs, null, null);
    }

    /** The same event, about the person with list pseudonym {@code subject}, first asked for by {@code origin}. */
    public AuditEvent about(String subject, String origin) {
        return new AuditEvent(at, actor, member, purpose, action, target, outcome, latencyMs, subject, origin);
    }

    /** The milliseconds since {@code startedNanos} (a {@link System#nanoTime()}), as an event's latency. */
    public static int latencySince(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** The same event at another time. */
    AuditEvent at(Instant time) {
        return new AuditEvent(time, actor, member, purpose, action, target, outcome, latencyMs, subject, origin);
    }
}

package org.yimatong.hub.green;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.payload.AuditEvent.Action;

import io.smallrye.mutiny.Uni;

/**
 * The last step, whatever happened before: one audit event per lookup (target: the subject's pseudonym, outcome
 * the answered status or the refusal), committed before the answer leaves.
 */
@Singleton
public class AuditGreenLookup extends UniStep<GreenLookup> {

    private final AuditWriter audit;
    private final Clock clock;

    public AuditGreenLookup(AuditWriter audit, Clock clock) {
        super(GreenLookup.class);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected Uni<GreenLookup> apply(GreenLookup lookup) {
        return apply(lookup, null);
    }

    @Override
    protected Uni<GreenLookup> apply(GreenLookup lookup, Throwable failure) {
        String outcome = failure != null || lookup.result() == null ? AuditOutcome.failure(failure)
                : lookup.result().status().name();
        return audit.append(new AuditEvent(clock.instant(), lookup.caller().entityId(),
                lookup.result() == null ? null : lookup.result().home(), "green-lookup", Action.GREEN_LOOKUP,
                lookup.request().sub(), outcome, lookup.latencyMs()).about(lookup.request().sub(), origin(lookup)))
                .replaceWith(lookup);
    }

    /** Who first asked: the start of the path when hubs forwarded the lookup, else the caller. */
    private static String origin(GreenLookup lookup) {
        return lookup.hops() == null ? lookup.caller().entityId() : lookup.hops().origin().orElse(lookup.caller()
                .entityId());
    }
}

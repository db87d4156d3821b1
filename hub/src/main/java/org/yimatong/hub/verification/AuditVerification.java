package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.payload.AuditEvent.Action;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The last step, whatever happened before: exactly one audit event per verification (target: the code's
 * {@code jti}, never a subject), committed before the answer leaves (REQ-AUD-2); one log line with the subject
 * masked and never the code; one count in {@code ymt.verifications} by outcome.
 */
@Singleton
public class AuditVerification extends UniStep<Verification> {

    static final Action ACTION = Action.VERIFICATION;
    private static final Logger LOG = Logger.getLogger("org.yimatong.hub.verification.log");

    private final AuditWriter audit;
    private final Clock clock;
    private final MeterRegistry meters;

    public AuditVerification(AuditWriter audit, Clock clock, MeterRegistry meters) {
        super(Verification.class);
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        return apply(v, null);
    }

    @Override
    protected Uni<Verification> apply(Verification v, Throwable failure) {
        return audit(v, failure).replaceWith(v);
    }

    private Uni<Void> audit(Verification v, Throwable failure) {
        String outcome = outcome(v, failure);
        int latencyMs = v.latencyMs();
        meters.counter("ymt.verifications", "outcome", outcome).increment();
        LOG.infof("verification caller=%s home=%s rgn=%s sub=%s jti=%s via=%s outcome=%s latencyMs=%d",
                v.caller().entityId(), v.home(), v.claims() == null ? null : v.claims().rgn(),
                v.claims() == null ? null : mask(v.claims().sub()), v.codeId(),
                v.peer() == null ? null : v.peer().entityId(), outcome, latencyMs);
        return audit.append(new AuditEvent(clock.instant(), v.caller().entityId(), v.home(), v.request().purpose(),
                ACTION, v.codeId(), outcome, latencyMs).about(v.result() == null ? null : v.result().listSub(),
                        v.hops().origin().orElse(v.caller().entityId())));
    }

    /** The answer's status (with its reason), or the refusal's problem type. */
    static String outcome(Verification v, Throwable failure) {
        if (failure != null || v.result() == null) {
            return AuditOutcome.failure(failure);
        }
        return AuditOutcome.of(v.result().status().name(), v.result().reason());
    }

    /** A pseudonym is still personal data: keep four characters. */
    static String mask(String sub) {
        if (sub == null) {
            return null;
        }
        return sub.length() <= 8 ? "****" : sub.substring(0, 4) + "****";
    }
}

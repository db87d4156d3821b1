package org.yimatong.hub.verification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.purposes.DisclosurePlan;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.dictionary.Disclosure;
import org.yimatong.schemas.payload.AuditEvent.Action;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The last step, whatever happened before: exactly one audit event per verification (target: the code's
 * {@code jti}, never a subject), and one {@code DISCLOSURE} event per attestation that left the hub as data or as a
 * decision (REQ-PRIV-1), all committed before the answer leaves (REQ-AUD-2); one log line with the subject
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
        String subject = v.result() == null ? null : v.result().listSub();
        String origin = v.hops().origin().orElse(v.caller().entityId());
        Instant at = clock.instant();
        List<Uni<Void>> events = new ArrayList<>();
        events.add(audit.append(new AuditEvent(at, v.caller().entityId(), v.home(), v.request().purpose(), ACTION,
                v.codeId(), outcome, latencyMs).about(subject, origin)));
        if (failure == null && v.result() != null) {
            for (DisclosurePlan.Disclosed d : v.plan().disclosedBy(v.result())) {
                events.add(audit.append(new AuditEvent(at, v.caller().entityId(), v.home(), v.request().purpose(),
                        Action.DISCLOSURE, disclosedFields(d), AuditOutcome.of(d.as().name(), d.attestation()),
                        latencyMs).about(subject, origin)));
            }
        }
        return events.size() == 1 ? events.get(0) : Uni.join().all(events).andFailFast().replaceWithVoid();
    }

    /** Which fields left the hub: the attestation's own, or only the decision on it. */
    static String disclosedFields(DisclosurePlan.Disclosed d) {
        return d.attestation().wireName() + ":" + (d.as() == Disclosure.DATA ? String.join(",", d.attestation()
                .fields()) : "meets");
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

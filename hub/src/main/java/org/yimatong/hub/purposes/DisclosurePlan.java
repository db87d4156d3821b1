package org.yimatong.hub.purposes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.dictionary.Disclosure;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.PurposePolicy;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * What one verification may disclose beyond the colour, decided before anything leaves the hub (REQ-PRIV-1).
 * Minimum disclosure is enforced here, not trusted to the member: the next node is asked only for {@link #ask()}, and
 * whatever it sends besides is dropped. For a client the hub then decides the rules ({@code meets}) on what it got and
 * passes on only the attestations the purpose shows as data at the caller's level; towards a child hub it passes on
 * what was asked and the purpose allows at all, since that hub decides for its own caller.
 *
 * @param towardsHub the caller is a hub on the way: it decides and strips for its own caller
 * @param ask what the next node is asked for
 * @param show what the caller sees as data
 * @param rules the rules to decide, when every attestation they read is within the caller's level; else null
 * @param withheld asked for, to see or to decide on, but beyond the caller's level
 */
public record DisclosurePlan(int policyVersion, boolean towardsHub, Set<Attestation> ask, Set<Attestation> show,
        CheckpointRules rules, Set<Attestation> withheld) {

    /** One attestation leaving this hub, for the audit. */
    public record Disclosed(Attestation attestation, Disclosure as) {}

    public DisclosurePlan {
        ask = Set.copyOf(ask);
        show = Set.copyOf(show);
        withheld = Set.copyOf(withheld);
    }

    /**
     * The plan for {@code request} under {@code policy}, for a caller at {@code level}.
     *
     * @throws ProblemException {@code purpose-unknown}, {@code purpose-policy-outdated}, {@code disclosure-not-allowed}
     *     or {@code rule-not-allowed}: refused before anything is sent anywhere
     */
    public static DisclosurePlan of(PurposePolicy policy, VerificationRequest request, LevelOfAssurance level,
            boolean callerIsHub) {
        PurposePolicy.Purpose purpose = policy.purpose(request.purpose()).orElseThrow(() -> new ProblemException(
                ProblemType.PURPOSE_UNKNOWN, "'" + request.purpose() + "' is not a purpose of policy version "
                        + policy.version() + " (GET /v1/purposes)"));
        if (request.policyVersion() != null && request.policyVersion() < policy.version()) {
            throw new ProblemException(ProblemType.PURPOSE_POLICY_OUTDATED, "The request applies purpose policy "
                    + request.policyVersion() + "; this hub applies version " + policy.version());
        }
        Set<Attestation> asked = request.disclosed();
        if (callerIsHub) {
            for (Attestation a : asked) {
                if (purpose.allowance(a).isEmpty()) {
                    throw notDisclosed(purpose, a);
                }
            }
            return new DisclosurePlan(policy.version(), true, asked, asked, null, Set.of());
        }
        for (Attestation a : asked) {
            if (purpose.allowance(a).filter(allowed -> allowed.disclosure() == Disclosure.DATA).isEmpty()) {
                throw notDisclosed(purpose, a);
            }
        }
        CheckpointRules rules = request.requires();
        Set<Attestation> read = rules == null ? Set.of() : rules.reads();
        for (Attestation a : read) {
            if (purpose.allowance(a).isEmpty()) {
                throw new ProblemException(ProblemType.RULE_NOT_ALLOWED, "Purpose " + purpose.purpose()
                        + " allows no decision on " + a.wireName());
            }
        }
        Set<Attestation> show = EnumSet.noneOf(Attestation.class);
        Set<Attestation> withheld = EnumSet.noneOf(Attestation.class);
        asked.forEach(a -> (purpose.disclosureAt(a, level).isPresent() ? show : withheld).add(a));
        read.forEach(a -> {
            if (purpose.disclosureAt(a, level).isEmpty()) {
                withheld.add(a);
            }
        });
        // a rule the caller cannot have decided is not decided at all, so nothing is asked for it
        boolean decide = rules != null && read.stream().noneMatch(withheld::contains);
        Set<Attestation> ask = EnumSet.noneOf(Attestation.class);
        ask.addAll(show);
        if (decide) {
            ask.addAll(read);
        }
        return new DisclosurePlan(policy.version(), false, ask, show, decide ? rules : null, withheld);
    }

    private static ProblemException notDisclosed(PurposePolicy.Purpose purpose, Attestation a) {
        return new ProblemException(ProblemType.DISCLOSURE_NOT_ALLOWED, "Purpose " + purpose.purpose()
                + " never discloses " + a.wireName() + " as data"
                + (purpose.allowance(a).isPresent() ? "; ask for a rule on it (requires) instead" : ""));
    }

    /** The request as the next node gets it: asking for {@link #ask()} only; the policy version only to a hub. */
    public VerificationRequest forward(VerificationRequest request, boolean toHub) {
        return request.forwarded(ask.stream().sorted().map(Attestation::wireName).toList(),
                toHub ? policyVersion : null);
    }

    /** The answer as it may leave this hub: stripped to the plan, with the rules decided and the policy named. */
    public VerificationResult apply(VerificationResult result, Instant now) {
        Attestations received = result.attestations() == null ? null : result.attestations().only(ask);
        if (towardsHub) {
            return result.disclosing(received, null, null, policyVersion);
        }
        // without a live answer nothing is known about the person, so nothing is decided either
        Boolean meets = rules == null || result.source() == AnswerSource.NONE ? null : rules.metBy(received, now);
        return result.disclosing(received == null ? null : received.only(show), meets, names(withheld),
                policyVersion);
    }

    /** What an answer made by {@link #apply} discloses, for the audit. */
    public List<Disclosed> disclosedBy(VerificationResult answer) {
        List<Disclosed> out = new ArrayList<>();
        if (answer.attestations() != null) {
            answer.attestations().present().forEach(a -> out.add(new Disclosed(a, Disclosure.DATA)));
        }
        if (answer.meets() != null) {
            rules.reads().stream().sorted().filter(a -> !show.contains(a) || answer.attestations() == null
                    || !answer.attestations().present().contains(a)).forEach(a -> out.add(new Disclosed(a,
                            Disclosure.DECISION)));
        }
        return out;
    }

    private static List<String> names(Set<Attestation> attestations) {
        return attestations.stream().sorted().map(Attestation::wireName).toList();
    }
}

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
 * Minimum disclosure is enforced here, not trusted to the member: a platform is asked only for {@link #ask()} and
 * whatever it sends besides is dropped; the rules are decided on what it gave, and only {@link #show()} goes back.
 * A rule is decided where the data is: a hub on the way to the home gets the rules with the request and answers
 * {@code meets}, so an attestation the purpose allows only as a decision never travels the tree. The caller's level
 * was checked by the first hub, the one the caller reached: a hub asking on is not checked again.
 *
 * @param ask what a platform is asked for: what is shown, and what the rules read
 * @param show what the caller sees as data
 * @param rules the rules to decide, when every attestation they read is within the caller's level; else null
 * @param withheld asked for, to see or to decide on, but beyond the caller's level
 */
public record DisclosurePlan(int policyVersion, Set<Attestation> ask, Set<Attestation> show, CheckpointRules rules,
        Set<Attestation> withheld) {

    /** One attestation leaving this hub, as data or as a decision, for the audit. */
    public record Disclosed(Attestation attestation, Disclosure as) {}

    public DisclosurePlan {
        ask = Set.copyOf(ask);
        show = Set.copyOf(show);
        withheld = Set.copyOf(withheld);
    }

    /**
     * The plan for {@code request} under {@code policy}, for a caller at {@code level}; a hub on the way decided the
     * level for its own caller.
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
        LevelOfAssurance caller = callerIsHub ? LevelOfAssurance.HIGH : level;
        Set<Attestation> asked = request.disclosed();
        for (Attestation a : asked) {
            if (purpose.allowance(a).filter(allowed -> allowed.disclosure() == Disclosure.DATA).isEmpty()) {
                throw new ProblemException(ProblemType.DISCLOSURE_NOT_ALLOWED, "Purpose " + purpose.purpose()
                        + " never discloses " + a.wireName() + " as data" + (purpose.allowance(a).isPresent()
                                ? "; ask for a rule on it (requires) instead"
                                : ""));
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
        asked.forEach(a -> (purpose.disclosureAt(a, caller).isPresent() ? show : withheld).add(a));
        read.forEach(a -> {
            if (purpose.disclosureAt(a, caller).isEmpty()) {
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
        return new DisclosurePlan(policy.version(), ask, show, decide ? rules : null, withheld);
    }

    /**
     * The request as the next node gets it: a hub is asked to show {@link #show()} and to decide the rules, under
     * this policy version; a platform is asked for {@link #ask()} and nothing else.
     */
    public VerificationRequest forward(VerificationRequest request, boolean toHub) {
        return toHub ? request.forwarded(names(show), rules, policyVersion) : request.forwarded(names(ask), null, null);
    }

    /**
     * The answer as it may leave this hub: stripped to the plan, the rules decided (by the hub that asked the home, if
     * {@code answeredByHub}), the policy named.
     */
    public VerificationResult apply(VerificationResult result, Instant now, boolean answeredByHub) {
        Attestations received = result.attestations() == null ? null : result.attestations().only(ask);
        Boolean meets = null;
        // without a live answer nothing is known about the person, so nothing is decided either
        if (rules != null && result.source() != AnswerSource.NONE) {
            meets = answeredByHub ? result.meets() : Boolean.valueOf(rules.metBy(received, now));
        }
        return result.disclosing(received == null ? null : received.only(show), meets, names(withheld),
                policyVersion);
    }

    /** What an answer made by {@link #apply} discloses, for the audit. */
    public List<Disclosed> disclosedBy(VerificationResult answer) {
        List<Disclosed> out = new ArrayList<>();
        List<Attestation> shown = answer.attestations() == null ? List.of() : answer.attestations().present();
        shown.forEach(a -> out.add(new Disclosed(a, Disclosure.DATA)));
        if (answer.meets() != null) {
            rules.reads().stream().sorted().filter(a -> !shown.contains(a)).forEach(a -> out.add(new Disclosed(a,
                    Disclosure.DECISION)));
        }
        return out;
    }

    private static List<String> names(Set<Attestation> attestations) {
        return attestations.stream().sorted().map(Attestation::wireName).toList();
    }
}

package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer of a verification (DESIGN.md §6); schema {@code verification-result.json}. {@code listSub} is the
 * subject's list pseudonym (REQ-VER-5): a home platform puts it in its live answer and hubs pass it up the tree,
 * but it never leaves the tree towards a platform or a client ({@link #withoutListSub()}). {@code dependant} is
 * {@code true} when the code was a relative's code (REQ-CODE-4: shown by a guardian for a child or an elderly
 * parent), so the checkpoint knows the person in front of it is not the one whose status it reads; it is absent,
 * never {@code false}, on a person's own code.
 * <p>
 * Beyond the colour (REQ-PRIV-1): {@code attestations} the home gave when asked, as far as the purpose lets the
 * caller see them; {@code meets}, the hub's decision on the checkpoint's rules; {@code withheld}, the attestations
 * asked for (to see or to decide on) that the caller's level does not reach; {@code policyVersion}, the purpose
 * policy that decided.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
        Instant validUntil, ReasonCode reason, String listSub, Boolean dependant, Attestations attestations,
        Boolean meets, List<String> withheld, Integer policyVersion) {

    public VerificationResult {
        // one spelling on the wire for "not a dependant": absent
        dependant = Boolean.TRUE.equals(dependant) ? Boolean.TRUE : null;
        withheld = withheld == null || withheld.isEmpty() ? null : List.copyOf(withheld);
    }

    public VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
            Instant validUntil, ReasonCode reason, String listSub, Boolean dependant) {
        this(status, home, source, checkedAt, validUntil, reason, listSub, dependant, null, null, null, null);
    }

    public VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
            Instant validUntil, ReasonCode reason, String listSub) {
        this(status, home, source, checkedAt, validUntil, reason, listSub, null);
    }

    public VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
            Instant validUntil, ReasonCode reason) {
        this(status, home, source, checkedAt, validUntil, reason, null, null);
    }

    /** The same answer for a relative's code ({@code dependant: true}) or a person's own. */
    public VerificationResult asDependant(boolean isDependant) {
        return new VerificationResult(status, home, source, checkedAt, validUntil, reason, listSub,
                isDependant ? Boolean.TRUE : null, attestations, meets, withheld, policyVersion);
    }

    /** The same colour with another status and source (a list state merged in), the rest kept. */
    public VerificationResult withStatus(VerificationStatus newStatus, AnswerSource newSource, ReasonCode newReason,
            Instant newValidUntil) {
        return new VerificationResult(newStatus, home, newSource, checkedAt, newValidUntil, newReason, listSub,
                dependant, attestations, meets, withheld, policyVersion);
    }

    /** The answer with what the purpose policy let through: attestations, the rules' decision, what was withheld. */
    public VerificationResult disclosing(Attestations shown, Boolean decision, List<String> notReached,
            Integer version) {
        return new VerificationResult(status, home, source, checkedAt, validUntil, reason, listSub, dependant, shown,
                decision, notReached, version);
    }

    /** The answer when nobody could answer for the code: UNKNOWN with {@code source: NONE}, never RED (REQ-VER-4). */
    public static VerificationResult homeUnavailable(String home, Instant checkedAt, Instant validUntil) {
        return new VerificationResult(VerificationStatus.UNKNOWN, home, AnswerSource.NONE, checkedAt, validUntil,
                ReasonCode.HOME_UNAVAILABLE);
    }

    /** The same answer without the list pseudonym, as it may go to a platform or a client. */
    public VerificationResult withoutListSub() {
        return listSub == null ? this
                : new VerificationResult(status, home, source, checkedAt, validUntil, reason, null, dependant,
                        attestations, meets, withheld, policyVersion);
    }
}

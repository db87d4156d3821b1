package org.yimatong.schemas.payload;

import java.time.Instant;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
        Instant validUntil, ReasonCode reason, String listSub, Boolean dependant) {

    public VerificationResult {
        // one spelling on the wire for "not a dependant": absent
        dependant = Boolean.TRUE.equals(dependant) ? Boolean.TRUE : null;
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
                isDependant ? Boolean.TRUE : null);
    }

    /** The answer when nobody could answer for the code: UNKNOWN with {@code source: NONE}, never RED (REQ-VER-4). */
    public static VerificationResult homeUnavailable(String home, Instant checkedAt, Instant validUntil) {
        return new VerificationResult(VerificationStatus.UNKNOWN, home, AnswerSource.NONE, checkedAt, validUntil,
                ReasonCode.HOME_UNAVAILABLE);
    }

    /** The same answer without the list pseudonym, as it may go to a platform or a client. */
    public VerificationResult withoutListSub() {
        return listSub == null ? this
                : new VerificationResult(status, home, source, checkedAt, validUntil, reason, null, dependant);
    }
}

package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;

/** Answer of a verification (DESIGN.md §6); schema {@code verification-result.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(VerificationStatus status, String home, AnswerSource source, Instant checkedAt,
        Instant validUntil, ReasonCode reason) {

    /** The answer when the home platform cannot be reached: UNKNOWN, never RED (REQ-VER-4). */
    public static VerificationResult homeUnavailable(String home, AnswerSource source, Instant checkedAt,
            Instant validUntil) {
        return new VerificationResult(VerificationStatus.UNKNOWN, home, source, checkedAt, validUntil,
                ReasonCode.HOME_UNAVAILABLE);
    }
}

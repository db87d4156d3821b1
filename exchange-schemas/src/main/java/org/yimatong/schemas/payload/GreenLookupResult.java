package org.yimatong.schemas.payload;

import java.time.Instant;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answer of a green lookup; {@code source} is LIVE or LIST. Schema {@code green-lookup-result.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GreenLookupResult(VerificationStatus status, AnswerSource source, String home, Instant checkedAt,
        Instant validUntil, ReasonCode reason) {}

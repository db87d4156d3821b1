package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/appeals/{id}/decision}: the home platform's decision; schema {@code appeal-decision.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppealDecision(Outcome outcome, Instant decidedAt, String homeReference, Colour correctedColour,
        String note) implements Validatable {

    public enum Outcome {
        /** The appeal succeeds; the home corrects its list. */
        UPHELD,
        /** The listing stands. */
        REJECTED
    }

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .required("/outcome", outcome)
                .required("/decidedAt", decidedAt)
                .requiredMatching("/homeReference", homeReference, Patterns.HOME_REFERENCE)
                .length("/note", note, 0, 2000)
                .noIdNumber("/note", note)
                .errors();
    }
}

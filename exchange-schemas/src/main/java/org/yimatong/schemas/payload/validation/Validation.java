package org.yimatong.schemas.payload.validation;

import java.util.List;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** Turns field errors into the one refusal the contract defines for them. */
public final class Validation {

    private Validation() {
    }

    /**
     * Returns the payload when it is valid; otherwise throws {@link ProblemException} of type
     * {@link ProblemType#VALIDATION_FAILED} carrying every field error. A {@code null} payload is one error at
     * the root pointer {@code ""}.
     */
    public static <T extends Validatable> T requireValid(T payload) {
        List<FieldError> errors = payload == null
                ? List.of(new FieldError("", "a request body is required"))
                : payload.validate();
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, describe(errors), errors);
        }
        return payload;
    }

    private static String describe(List<FieldError> errors) {
        return errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
    }
}

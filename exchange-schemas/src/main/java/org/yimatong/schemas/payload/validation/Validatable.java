package org.yimatong.schemas.payload.validation;

import java.util.List;

import org.yimatong.schemas.problem.FieldError;

/** A request payload that can check its own fields. */
public interface Validatable {

    /**
     * Every field error of this payload, never only the first; empty when valid. Pointers are RFC 6901 JSON
     * Pointers into the payload as it appears on the wire (e.g. {@code /checkpoint/region}).
     */
    List<FieldError> validate();
}

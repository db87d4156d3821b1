package org.yimatong.schemas.problem;

import java.util.List;

/**
 * A refusal that maps to exactly one {@link ProblemType}. Everything the contract layer rejects is
 * thrown as this (or a subclass), never as a raw library exception, so the hub maps errors from one table.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Throwable cause) {
        this(type, detail, List.of(), cause);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, null);
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

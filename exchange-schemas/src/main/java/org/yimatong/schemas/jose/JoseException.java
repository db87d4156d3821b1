package org.yimatong.schemas.jose;

import java.util.List;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** A JWS that was refused; its {@link #type()} says why, one problem type per reason. */
public class JoseException extends ProblemException {

    public JoseException(ProblemType type, String detail) {
        super(type, detail);
    }

    public JoseException(ProblemType type, String detail, List<FieldError> errors) {
        super(type, detail, errors);
    }

    public JoseException(ProblemType type, String detail, Throwable cause) {
        super(type, detail, cause);
    }
}

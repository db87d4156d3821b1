package org.yimatong.conformance.engine;

/**
 * The implementation did not do what the contract requires. The message names the requirement and what was seen,
 * e.g. {@code "REQ-CODE-1: an expired code must be refused with 400 code-expired; got 200"}.
 */
public class ConformanceFailure extends AssertionError {

    public ConformanceFailure(String message) {
        super(message);
    }

    public ConformanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

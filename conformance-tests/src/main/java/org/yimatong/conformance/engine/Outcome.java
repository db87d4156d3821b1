package org.yimatong.conformance.engine;

/** What became of one test. */
public enum Outcome {
    PASSED,
    FAILED,
    /** Not run against this target; the result says why (an optional capability the configuration lacks). */
    SKIPPED
}

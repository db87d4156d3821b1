package org.yimatong.conformance.engine;

import java.util.Objects;

/**
 * Assertions for conformance tests. Each failure message starts with what the contract requires (usually the
 * {@code REQ-...} id and a few words), then what was seen.
 */
public final class Check {

    private Check() {
    }

    /** Fails with {@code requirement} unless {@code condition} holds. */
    public static void that(boolean condition, String requirement) {
        if (!condition) {
            throw new ConformanceFailure(requirement);
        }
    }

    /** Fails unless {@code actual} equals {@code expected}: "{requirement}: expected {what} X, got Y". */
    public static void equal(Object expected, Object actual, String what, String requirement) {
        if (!Objects.equals(expected, actual)) {
            throw new ConformanceFailure(requirement + ": expected " + what + " " + expected + ", got " + actual);
        }
    }

    public static ConformanceFailure fail(String message) {
        return new ConformanceFailure(message);
    }
}

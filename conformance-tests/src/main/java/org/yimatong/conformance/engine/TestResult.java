package org.yimatong.conformance.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.yimatong.conformance.http.RecordedExchange;

/**
 * What one test found.
 *
 * @param message why it failed or was skipped (empty when it passed)
 * @param notes what the test noted on the way
 * @param exchanges every HTTP exchange of the test, redacted
 */
public record TestResult(TestDefinition test, Outcome outcome, String message, Instant startedAt, Duration duration,
        List<String> notes, List<RecordedExchange> exchanges) {

    public TestResult {
        notes = List.copyOf(notes);
        exchanges = List.copyOf(exchanges);
        message = message == null ? "" : message;
    }
}

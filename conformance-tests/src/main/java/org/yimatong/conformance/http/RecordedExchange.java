package org.yimatong.conformance.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange as the report keeps it, ALREADY REDACTED (see {@link Redaction}): build it only with
 * {@link #redacted}.
 *
 * @param direction {@code OUTBOUND} (the suite called the target) or {@code INBOUND} (the target called the suite's
 *     counterpart)
 * @param status the answer's status, or 0 when there was no answer ({@code error} says why)
 */
public record RecordedExchange(Direction direction, Instant at, String method, String url,
        Map<String, List<String>> requestHeaders, String requestBody, int status,
        Map<String, List<String>> responseHeaders, String responseBody, long durationMs, String error) {

    public enum Direction {
        OUTBOUND, INBOUND
    }

    /** Redacts every part and keeps the result. */
    public static RecordedExchange redacted(Direction direction, Instant at, String method, String url,
            Map<String, List<String>> requestHeaders, byte[] requestBody, String requestType, int status,
            Map<String, List<String>> responseHeaders, byte[] responseBody, String responseType, long durationMs,
            String error) {
        return new RecordedExchange(direction, at, method, Redaction.text(url), Redaction.headers(requestHeaders),
                Redaction.body(requestBody, requestType), status, Redaction.headers(responseHeaders),
                Redaction.body(responseBody, responseType), durationMs, Redaction.text(error));
    }
}

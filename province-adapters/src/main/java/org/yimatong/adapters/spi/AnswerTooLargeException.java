package org.yimatong.adapters.spi;

/**
 * A node's answer was longer than the client reads; its reading was stopped there. A member that answers without
 * end (chunked, or lying in Content-Length) costs the caller at most that limit: {@code member-bad-answer}.
 */
public class AnswerTooLargeException extends RuntimeException {

    public AnswerTooLargeException(long maxBytes) {
        super("the answer is longer than " + maxBytes + " bytes", null, false, false);
    }
}

package org.yimatong.hub.outbound;

/** A peer's answer was longer than {@code ymt.outbound.max-answer-bytes}; its reading was stopped there. */
public class AnswerTooLargeException extends RuntimeException {

    public AnswerTooLargeException(long maxBytes) {
        super("the answer is longer than " + maxBytes + " bytes", null, false, false);
    }
}

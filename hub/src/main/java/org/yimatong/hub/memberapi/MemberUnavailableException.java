package org.yimatong.hub.memberapi;

/** The member did not give an answer: refused connection, timeout, open breaker or a 5xx. */
public class MemberUnavailableException extends RuntimeException {

    private final String memberId;
    private final String outcome;

    public MemberUnavailableException(String memberId, String outcome, Throwable cause) {
        super(memberId + " unavailable: " + outcome, cause);
        this.memberId = memberId;
        this.outcome = outcome;
    }

    public String memberId() {
        return memberId;
    }

    /** {@code timeout}, {@code circuit_open}, {@code http_5xx} or {@code unreachable}. */
    public String outcome() {
        return outcome;
    }
}

package org.yimatong.hub.memberapi;

import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The member refused with a problem answer of the contract (4xx or 508). A hub further on speaks for the
 * request's home, so its refusal is passed back as it came. Not a failure of the member: the breaker does not
 * count it.
 */
public class MemberRefusedException extends ProblemException {

    private final String memberId;

    public MemberRefusedException(String memberId, ProblemType type, String detail) {
        super(type, detail);
        this.memberId = memberId;
    }

    public String memberId() {
        return memberId;
    }
}

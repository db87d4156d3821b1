package org.yimatong.hub.memberapi;

import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** The member answered outside the contract (unexpected status, or a body that does not parse). */
public class MemberBadAnswerException extends ProblemException {

    public MemberBadAnswerException(String memberId, String detail) {
        super(ProblemType.MEMBER_BAD_ANSWER, memberId + " answered outside the contract: " + detail);
    }
}

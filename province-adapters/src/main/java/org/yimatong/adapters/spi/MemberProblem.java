package org.yimatong.adapters.spi;

import java.util.List;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A member call that gave no v1 answer. The {@link #getMessage() detail} starts with the member's entity id and
 * never quotes the native answer (it may carry personal data); {@link #kind()} says what happened, so the hub
 * can tell a refused credential (an operator's problem) from a slow platform.
 */
public final class MemberProblem extends ProblemException {

    /** What went wrong with the member. */
    public enum Kind {
        /** The answer is outside the dialect: unparsable, missing fields, an unknown colour or status. */
        BAD_ANSWER(ProblemType.MEMBER_BAD_ANSWER),
        /** The member did not answer within the endpoint's timeout. */
        TIMEOUT(ProblemType.MEMBER_TIMEOUT),
        /** The member could not be reached. */
        UNAVAILABLE(ProblemType.MEMBER_BAD_ANSWER),
        /** The member answered with a server error (5xx): it is there, but cannot answer now. */
        SERVER_ERROR(ProblemType.MEMBER_BAD_ANSWER),
        /** The member refused the hub's credentials or signature (a native auth error). */
        CREDENTIALS_REFUSED(ProblemType.MEMBER_BAD_ANSWER),
        /** A v1 member refused the request with a problem of the contract (e.g. 404, 508); see {@link #type()}. */
        REFUSED(null);

        private final ProblemType type;

        Kind(ProblemType type) {
            this.type = type;
        }
    }

    private final String member;
    private final Kind kind;

    private MemberProblem(Kind kind, ProblemType type, String member, String detail, List<FieldError> errors,
            Throwable cause) {
        super(type, member + ": " + detail, errors, cause);
        this.member = member;
        this.kind = kind;
    }

    public static MemberProblem badAnswer(String member, String detail) {
        return new MemberProblem(Kind.BAD_ANSWER, Kind.BAD_ANSWER.type, member, detail, List.of(), null);
    }

    public static MemberProblem badAnswer(String member, String detail, List<FieldError> errors) {
        return new MemberProblem(Kind.BAD_ANSWER, Kind.BAD_ANSWER.type, member, detail, errors, null);
    }

    public static MemberProblem timeout(String member, Throwable cause) {
        return new MemberProblem(Kind.TIMEOUT, Kind.TIMEOUT.type, member, "did not answer in time", List.of(),
                cause);
    }

    public static MemberProblem unavailable(String member, String detail, Throwable cause) {
        return new MemberProblem(Kind.UNAVAILABLE, Kind.UNAVAILABLE.type, member, detail, List.of(), cause);
    }

    public static MemberProblem serverError(String member, int status) {
        return new MemberProblem(Kind.SERVER_ERROR, Kind.SERVER_ERROR.type, member, "answered HTTP " + status,
                List.of(), null);
    }

    public static MemberProblem credentialsRefused(String member, String detail) {
        return new MemberProblem(Kind.CREDENTIALS_REFUSED, Kind.CREDENTIALS_REFUSED.type, member,
                "refused the hub's credentials (" + detail + ")", List.of(), null);
    }

    /** A v1 member's own problem answer, relayed with its type. */
    public static MemberProblem refused(String member, ProblemType type, String detail) {
        return new MemberProblem(Kind.REFUSED, type, member, detail, List.of(), null);
    }

    /** The entity id of the member. */
    public String member() {
        return member;
    }

    public Kind kind() {
        return kind;
    }
}

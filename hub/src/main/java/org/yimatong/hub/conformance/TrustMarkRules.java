package org.yimatong.hub.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.ConformancePlan;
import org.yimatong.schemas.payload.ConformanceReport;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** What a verified report earns a member, and how a new mark joins the ones it has. Pure: no I/O, no clock. */
final class TrustMarkRules {

    /** A runner's clock may run a little ahead of the hub's; a report finished later than this is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private TrustMarkRules() {
    }

    /**
     * The mark the report earns {@code member}.
     *
     * @throws ProblemException {@code validation-failed} when the report is about another member, certifies the
     *     hub plan for a member that is not a hub, or finished in the future; {@code conformance-not-passed}, naming
     *     each failed test, when the run did not pass
     */
    static TrustMark markFor(VerifiedReport verified, MemberRecord member, Instant now) {
        ConformanceReport report = verified.report();
        List<FieldError> errors = new ArrayList<>();
        if (!member.entityId().equals(report.target().entityId())) {
            errors.add(new FieldError("/target/entityId", "the report is about " + report.target().entityId()
                    + ", not " + member.entityId()));
        }
        if (report.plan() == ConformancePlan.HUB && member.kind() != MemberKind.HUB) {
            errors.add(new FieldError("/plan", "the hub plan certifies members of kind HUB only"));
        }
        if (report.target().isDevelopment()) {
            errors.add(new FieldError("/target/deployment", "the run tested a development deployment, which earns no"
                    + " trust mark"));
        }
        if (report.finishedAt().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("/finishedAt", "is in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The report cannot certify this member", errors);
        }
        if (!report.passed()) {
            throw notPassed(report);
        }
        return new TrustMark(report.plan(), report.suiteVersion(), report.contractVersion(), report.finishedAt(), now,
                verified.digest(), verified.runnerKid());
    }

    /**
     * {@code marks} with {@code mark} added, replacing the mark of the same plan and suite version.
     *
     * @throws ProblemException {@code conflict} when the recorded mark comes from a later run than {@code mark}: an
     *     old report never overwrites a newer result
     */
    static List<TrustMark> withMark(List<TrustMark> marks, TrustMark mark) {
        List<TrustMark> kept = new ArrayList<>();
        for (TrustMark existing : marks) {
            if (!existing.sameCertificationAs(mark)) {
                kept.add(existing);
            } else if (existing.issuedAt().isAfter(mark.issuedAt())) {
                throw new ProblemException(ProblemType.CONFLICT, "A later run of the " + mark.plan().wireName()
                        + " plan, suite " + mark.suiteVersion() + ", is already recorded (" + existing.issuedAt()
                        + ")");
            }
        }
        kept.add(mark);
        return List.copyOf(kept);
    }

    private static ProblemException notPassed(ConformanceReport report) {
        List<FieldError> failed = new ArrayList<>();
        for (int i = 0; i < report.tests().size(); i++) {
            ConformanceReport.TestResult test = report.tests().get(i);
            if (test.outcome() != ConformanceReport.Outcome.PASSED && test.outcome()
                    != ConformanceReport.Outcome.SKIPPED) {
                failed.add(new FieldError("/tests/" + i, test.id() + " " + test.outcome()));
            }
        }
        String detail;
        if (!failed.isEmpty()) {
            detail = failed.size() + " test(s) did not pass; no trust mark is recorded";
        } else if (report.summary().result() != ConformanceReport.Outcome.PASSED) {
            detail = "The run's own result is " + report.summary().result() + "; no trust mark is recorded";
        } else {
            detail = "No test passed (none ran, or every one was skipped); no trust mark is recorded";
        }
        return new ProblemException(ProblemType.CONFORMANCE_NOT_PASSED, detail, failed);
    }
}

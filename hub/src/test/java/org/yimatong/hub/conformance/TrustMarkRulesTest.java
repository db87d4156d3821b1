package org.yimatong.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.payload.ConformancePlan;
import org.yimatong.schemas.payload.ConformanceReport;
import org.yimatong.schemas.payload.ConformanceReport.Outcome;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class TrustMarkRulesTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final String ID = "ymt:member:420000";

    @Test
    void skippedTestsAreToleratedWhenTheRunItselfPassed() {
        TrustMark mark = TrustMarkRules.markFor(verified(Outcome.PASSED, Outcome.PASSED, Outcome.SKIPPED), member(),
                NOW);

        assertEquals(ConformancePlan.MEMBER, mark.plan());
        assertEquals(NOW.minusSeconds(60), mark.issuedAt());
        assertEquals(NOW, mark.recordedAt());
    }

    @Test
    void aRunThatSkippedEveryTestOrRanNoneCertifiesNothing() {
        assertRefused(ProblemType.CONFORMANCE_NOT_PASSED, verified(Outcome.PASSED, Outcome.SKIPPED));
        assertRefused(ProblemType.CONFORMANCE_NOT_PASSED, verified(Outcome.PASSED));
    }

    @Test
    void aRunTheSuiteCalledFailedCertifiesNothingEvenWithoutAFailedTest() {
        assertRefused(ProblemType.CONFORMANCE_NOT_PASSED, verified(Outcome.FAILED, Outcome.PASSED));
        assertRefused(ProblemType.CONFORMANCE_NOT_PASSED, verified(Outcome.ERROR, Outcome.PASSED));
    }

    @Test
    void aReportFinishedInTheFutureIsRefused() {
        VerifiedReport future = new VerifiedReport(report(NOW.plusSeconds(600), Outcome.PASSED, Outcome.PASSED),
                "sm3:" + "0".repeat(64), "runner-1");
        assertRefused(ProblemType.VALIDATION_FAILED, future);
    }

    @Test
    void aNewMarkReplacesOnlyTheMarkOfTheSamePlanAndSuite() {
        TrustMark old = mark(ConformancePlan.MEMBER, "1.0.0", NOW.minusSeconds(7200));
        TrustMark otherSuite = mark(ConformancePlan.MEMBER, "0.9.0", NOW.minusSeconds(9000));
        TrustMark hub = mark(ConformancePlan.HUB, "1.0.0", NOW.minusSeconds(9000));
        TrustMark fresh = mark(ConformancePlan.MEMBER, "1.0.0", NOW);

        assertEquals(List.of(otherSuite, hub, fresh), TrustMarkRules.withMark(List.of(old, otherSuite, hub), fresh));
    }

    @Test
    void aPassedRunAgainstADevelopmentDeploymentEarnsNoMark() {
        ConformanceReport passed = report(NOW.minusSeconds(60), Outcome.PASSED, Outcome.PASSED);
        ConformanceReport development = new ConformanceReport(passed.format(), passed.suite(), passed.contractVersion(),
                passed.plan(), new ConformanceReport.Target(passed.target().baseUrl(), ID, "development"),
                passed.finishedAt(), passed.summary(), passed.tests());

        ProblemException e = assertThrows(ProblemException.class, () -> TrustMarkRules.markFor(new VerifiedReport(
                development, "sm3:" + "0".repeat(64), "runner-1"), member(), NOW));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals("/target/deployment", e.errors().get(0).pointer());
    }

    @Test
    void anOlderRunNeverOverwritesANewerMark() {
        TrustMark newer = mark(ConformancePlan.MEMBER, "1.0.0", NOW);
        TrustMark older = mark(ConformancePlan.MEMBER, "1.0.0", NOW.minusSeconds(60));

        ProblemException e = assertThrows(ProblemException.class, () -> TrustMarkRules.withMark(List.of(newer), older));
        assertEquals(ProblemType.CONFLICT, e.type());
    }

    private static void assertRefused(ProblemType expected, VerifiedReport report) {
        ProblemException e = assertThrows(ProblemException.class, () -> TrustMarkRules.markFor(report, member(), NOW));
        assertEquals(expected, e.type());
    }

    private static VerifiedReport verified(Outcome run, Outcome... tests) {
        return new VerifiedReport(report(NOW.minusSeconds(60), run, tests), "sm3:" + "0".repeat(64), "runner-1");
    }

    private static ConformanceReport report(Instant finishedAt, Outcome run, Outcome... tests) {
        List<ConformanceReport.TestResult> results = new ArrayList<>();
        for (int i = 0; i < tests.length; i++) {
            results.add(new ConformanceReport.TestResult("YMT-TST-00" + i, tests[i]));
        }
        return new ConformanceReport(ConformanceReport.FORMAT, new ConformanceReport.Suite("1.0.0"),
                "1.0.0", ConformancePlan.MEMBER, new ConformanceReport.Target(URI.create("http://localhost:9/m"), ID),
                finishedAt, new ConformanceReport.Summary(run), results);
    }

    private static TrustMark mark(ConformancePlan plan, String suite, Instant issuedAt) {
        return new TrustMark(plan, suite, "1.0.0", issuedAt, issuedAt, "sm3:" + "0".repeat(64), "runner-1");
    }

    private static MemberRecord member() {
        return new MemberRecord(ID, ID, MemberKind.PLATFORM, List.of("42"), "ymt:hub:test",
                URI.create("http://localhost:9/m"), null, "v1", null, null, null, MemberStatus.ACTIVE, List.of(), NOW,
                NOW);
    }
}

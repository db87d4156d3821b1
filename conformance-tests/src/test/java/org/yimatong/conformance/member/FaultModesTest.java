package org.yimatong.conformance.member;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.simulator.Faults;

/**
 * The member plan against the simulator in each fault mode: exactly the tests that check what the fault breaks
 * fail, every other one passes (none is skipped). One simulator; faults flipped between runs.
 */
class FaultModesTest {

    /** Every test of the member plan: a member that is down fails all of them. */
    static final Set<String> ALL = Set.of("YMT-APL-001", "YMT-APL-002", "YMT-APL-003", "YMT-AUTH-001", "YMT-AUTH-002",
            "YMT-AUTH-003", "YMT-AUTH-004", "YMT-AUTH-005", "YMT-AUTH-006", "YMT-CODE-001", "YMT-CODE-002",
            "YMT-CODE-003", "YMT-CODE-004", "YMT-CODE-005", "YMT-CRYPTO-001", "YMT-CRYPTO-002", "YMT-CRYPTO-003",
            "YMT-CRYPTO-004", "YMT-CRYPTO-005", "YMT-CRYPTO-006", "YMT-DISC-001", "YMT-ERR-001", "YMT-GRN-001",
            "YMT-GRN-002", "YMT-GRN-003", "YMT-GRN-004", "YMT-GRN-005", "YMT-INT-001", "YMT-INT-002", "YMT-INT-003",
            "YMT-INT-004", "YMT-INT-005", "YMT-KEY-001", "YMT-KEY-002", "YMT-KEY-003", "YMT-KEY-004", "YMT-LOA-001",
            "YMT-LOA-002", "YMT-LOOP-001", "YMT-LOOP-002", "YMT-LOOP-003", "YMT-LST-001", "YMT-LST-002",
            "YMT-LST-003", "YMT-LST-004", "YMT-PRIV-001", "YMT-PRIV-002", "YMT-PRIV-003", "YMT-PRIV-004",
            "YMT-PRIV-005", "YMT-REL-001", "YMT-REL-002", "YMT-REL-003",
            "YMT-VEN-001", "YMT-VEN-002", "YMT-VEN-003", "YMT-VEN-004", "YMT-VEN-005", "YMT-VER-001", "YMT-VER-002",
            "YMT-VER-003",
            "YMT-VER-004", "YMT-VER-005", "YMT-VER-006", "YMT-VER-007", "YMT-VER-008", "YMT-VER-009",
            "YMT-VER-010");

    /** The tests that compare an answered colour with the resident's, and check the answer's validity fields. */
    static final Set<String> COLOUR_ANSWERS = Set.of("YMT-VER-001", "YMT-VER-002", "YMT-VER-003", "YMT-LOOP-003",
            "YMT-GRN-001", "YMT-GRN-002", "YMT-REL-001");

    /** The tests that read whether a live answer says dependant (REQ-CODE-4), besides the colour tests. */
    static final Set<String> DEPENDANT_ANSWERS = Set.of("YMT-REL-001", "YMT-REL-002");

    /** The tests that read the listSub of live verification answers (REQ-VER-5); they do not compare colours. */
    static final Set<String> LIST_SUB_ANSWERS = Set.of("YMT-VER-009", "YMT-VER-010");

    /** The tests that read the attestations of live verification answers (REQ-PRIV-1), not their colour. */
    static final Set<String> ATTESTATION_ANSWERS = Set.of("YMT-PRIV-003", "YMT-PRIV-004");

    private final SimulatorTarget target = SimulatorTarget.shared();

    @AfterEach
    void healthyAgain() {
        target.healthy();
    }

    @Test
    void theFaultListIsTheWholePlan() {
        assertEquals(Plans.tests(Plan.MEMBER).stream().map(t -> t.id()).collect(Collectors.toSet()), ALL);
    }

    @Test
    void aMemberThatIsDownFailsEveryTest() {
        assertOnlyFailing(Faults.NONE.withDown(true), ALL);
    }

    @Test
    void aMemberAnsweringOnlyErrorsFailsEveryTestButTheUnknownPathOne() {
        // the simulator's error fault hits its operations; a path it does not serve is still a plain 404 problem
        Set<String> failing = new TreeSet<>(ALL);
        failing.remove("YMT-ERR-001");
        assertOnlyFailing(Faults.NONE.withErrorRate(1.0), failing);
    }

    @Test
    void aMemberSlowerThanTheHubsBudgetFailsTheTimingTestOnly() {
        // every member-API answer waits 1000 ms: past the 800 ms budget whatever the machine's speed, and far
        // under the suite's 10 s request timeout, so only the timing test can tell
        assertOnlyFailing(Faults.NONE.withLatencyMs(1000), Set.of("YMT-VER-007"));
    }

    @Test
    void aMemberAnsweringTheWrongColourFailsTheColourTests() {
        assertOnlyFailing(Faults.NONE.withWrongColour(true), COLOUR_ANSWERS);
    }

    @Test
    void aMemberAcceptingExpiredCodesFailsTheFreshnessTests() {
        // verifying "as at iat" accepts both the expired code and the one issued in the future
        assertOnlyFailing(Faults.NONE.withAcceptExpired(true), Set.of("YMT-CODE-002", "YMT-CODE-003"));
    }

    @Test
    void aMemberWithMalformedAnswersFailsTheTestsThatReadAnswers() {
        // a malformed answer is outside the schema and carries no listSub
        Set<String> failing = new TreeSet<>(COLOUR_ANSWERS);
        failing.addAll(LIST_SUB_ANSWERS);
        failing.addAll(ATTESTATION_ANSWERS);
        failing.addAll(DEPENDANT_ANSWERS);
        assertOnlyFailing(Faults.NONE.withMalformedAnswers(true), failing);
    }

    private void assertOnlyFailing(Faults faults, Set<String> expectedFailures) {
        target.setFaults(faults);
        RunResult result = target.runMemberPlan();
        assertEquals(new TreeSet<>(expectedFailures), result.ids(Outcome.FAILED), "failed under " + faults);
        assertEquals(Set.of(), result.ids(Outcome.SKIPPED), "skipped under " + faults);
        Set<String> passed = new TreeSet<>(ALL);
        passed.removeAll(expectedFailures);
        assertEquals(passed, result.ids(Outcome.PASSED), "passed under " + faults);
    }
}

package org.yimatong.conformance.member;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestResult;
import org.yimatong.conformance.plans.Plans;

/** The member plan passes, test by test, against a healthy member simulator. */
class MemberPlanAgainstSimulatorTest {

    @Test
    void everyMemberPlanTestPassesAgainstAHealthySimulator() {
        SimulatorTarget target = SimulatorTarget.shared();
        target.healthy();

        RunResult result = target.runMemberPlan();

        Map<String, String> notPassed = new TreeMap<>();
        for (TestResult r : result.results()) {
            if (r.outcome() != Outcome.PASSED) {
                notPassed.put(r.test().id(), r.outcome() + ": " + r.message());
            }
        }
        assertEquals(Map.of(), notPassed, "every test must pass against the simulator");
        assertEquals(FaultModesTest.ALL, result.ids(Outcome.PASSED), "each test id of the plan passed");
        assertEquals(Plans.tests(Plan.MEMBER).stream().map(t -> t.id()).collect(Collectors.toSet()),
                result.results().stream().map(r -> r.test().id()).collect(Collectors.toSet()));
    }
}

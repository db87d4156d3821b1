package org.yimatong.conformance.plans.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.catalogue.CoverageCheck;
import org.yimatong.conformance.catalogue.RequirementsCatalogue;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.plans.Plans;

/**
 * The hub plan against the requirements catalogue: every testable SHALL of the hub plan has a test, and the few
 * without a negative test are pinned, so losing a negative test shows up here.
 */
class HubPlanCoverageTest {

    static final RequirementsCatalogue CATALOGUE = RequirementsCatalogue.load();

    @Test
    void everyTestableShallOfTheHubPlanHasATest() {
        assertEquals(List.of(), CoverageCheck.run(CATALOGUE, tests(), Set.of(Plan.HUB)).errors());
    }

    @Test
    void onlyTheseHubShallsLackANegativeTest() {
        // REQ-TOK-2 is the shape of the token the hub issues: nothing a member sends can be refused under it
        assertEquals(Set.of("REQ-TOK-2"),
                CoverageCheck.run(CATALOGUE, tests(), Set.of(Plan.HUB)).withoutNegative().get(Plan.HUB));
    }

    @Test
    void hubTestIdsNeverMeetTheMemberPlans() {
        Set<String> memberIds = Plans.tests(Plan.MEMBER).stream().map(TestDefinition::id).collect(Collectors.toSet());
        assertEquals(List.of(), Plans.tests(Plan.HUB).stream().map(TestDefinition::id).filter(memberIds::contains)
                .toList());
    }

    private static Map<Plan, List<TestDefinition>> tests() {
        Map<Plan, List<TestDefinition>> tests = new EnumMap<>(Plan.class);
        for (Plan plan : Plan.values()) {
            tests.put(plan, Plans.tests(plan));
        }
        return tests;
    }
}

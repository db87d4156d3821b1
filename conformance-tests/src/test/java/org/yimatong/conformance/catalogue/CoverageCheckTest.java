package org.yimatong.conformance.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.plans.Plans;

/** The build fails when a SHALL loses its last test, or a test cites a REQ id the catalogue does not have. */
class CoverageCheckTest {

    static final RequirementsCatalogue CATALOGUE = RequirementsCatalogue.load();

    static Map<Plan, List<TestDefinition>> realTests() {
        Map<Plan, List<TestDefinition>> tests = new EnumMap<>(Plan.class);
        for (Plan plan : Plan.values()) {
            tests.put(plan, Plans.tests(plan));
        }
        return tests;
    }

    @Test
    void theRealSuiteCoversEverySHALLOfTheCheckedPlans() {
        CoverageCheck.Result result = CoverageCheck.run(CATALOGUE, realTests(),
                CoverageCheck.PLANS_WITH_REQUIRED_COVERAGE);
        assertEquals(List.of(), result.errors());
    }

    @Test
    void theMemberPlanHasANegativeTestForEverySHALLButTheBatchUploadTheListSubAndTheVenueCodes() {
        // a member's batch upload (REQ-LIST-2, -3) offers nothing to refuse through the member API: the hub's
        // refusals of bad batches are the hub plan's to test (REQ-LIST-5); nor does the listSub a live answer
        // carries (REQ-VER-5, and REQ-AUD-3, whose member side is that same listSub): what a hub may not be given,
        // and who may read a person's access log, are the hub plan's to test; nor do the venue codes a member posts
        // (REQ-VENUE-1): the member signs them, and refusing bad ones (a dynamic code scanned as a venue, a venue
        // code verified, expired or forged ones) is the hub's, tested by the hub plan (YMT-HVEN)
        CoverageCheck.Result result = CoverageCheck.run(CATALOGUE, realTests(), Set.of(Plan.MEMBER));
        assertEquals(Set.of("REQ-AUD-3", "REQ-LIST-2", "REQ-LIST-3", "REQ-VENUE-1", "REQ-VER-5"), result
                .withoutNegative().get(Plan.MEMBER));
    }

    @Test
    void removingTheOnlyTestOfASHALLFailsNamingExactlyThatRequirement() {
        Map<Plan, List<TestDefinition>> tests = realTests();
        TestDefinition soleTest = null;
        // pick a SHALL with exactly one test, whatever the suite's current shape
        String requirement = null;
        for (Requirement r : CATALOGUE.all()) {
            List<TestDefinition> verifying = tests.get(Plan.MEMBER).stream()
                    .filter(t -> t.requirements().contains(r.id())).toList();
            if (r.isShall() && verifying.size() == 1 && uncoveredWithout(tests, verifying.get(0)).size() == 1) {
                requirement = r.id();
                soleTest = verifying.get(0);
                break;
            }
        }
        assertTrue(requirement != null, "some SHALL has exactly one member-plan test");

        Set<String> uncovered = uncoveredWithout(tests, soleTest);

        assertEquals(Set.of(requirement), uncovered);
        CoverageCheck.Result result = run(without(tests, soleTest));
        assertFalse(result.passed());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).startsWith(requirement + " (SHALL, plan member) has no test"),
                result.errors().get(0));
    }

    @Test
    void removingTheBatchSignatureTestUncoversExactlyREQ_LIST_3() {
        Map<Plan, List<TestDefinition>> tests = realTests();
        TestDefinition signature = tests.get(Plan.MEMBER).stream().filter(t -> t.id().equals("YMT-LST-004"))
                .findFirst().orElseThrow();

        CoverageCheck.Result result = run(without(tests, signature));

        assertEquals(Set.of("REQ-LIST-3"), result.uncovered());
        assertEquals(List.of("REQ-LIST-3 (SHALL, plan member) has no test in the member plan and no "
                + "untestable_reason"), result.errors());
    }

    @Test
    void aTestCitingAnUnknownRequirementFailsTheCheck() {
        Map<Plan, List<TestDefinition>> tests = realTests();
        List<TestDefinition> member = new ArrayList<>(tests.get(Plan.MEMBER));
        member.add(new TestDefinition("YMT-XXX-001", "cites a requirement nobody wrote", Plan.MEMBER,
                List.of("REQ-NOPE-1"), false, ctx -> {
                }));
        tests.put(Plan.MEMBER, member);

        CoverageCheck.Result result = run(tests);

        assertEquals(List.of("YMT-XXX-001 cites REQ-NOPE-1, which is not in the catalogue"), result.errors());
    }

    @Test
    void aTestCitingARequirementOfAnotherPlanFailsTheCheck() {
        Map<Plan, List<TestDefinition>> tests = realTests();
        List<TestDefinition> member = new ArrayList<>(tests.get(Plan.MEMBER));
        member.add(new TestDefinition("YMT-XXX-002", "a member test claiming a hub-only requirement", Plan.MEMBER,
                List.of("REQ-VER-4"), true, ctx -> {
                }));
        tests.put(Plan.MEMBER, member);

        assertEquals(List.of("YMT-XXX-002 (member plan) cites REQ-VER-4, whose catalogue plan does not include "
                + "member"), run(tests).errors());
    }

    @Test
    void aTestCitingAnUntestableRequirementFailsTheCheck() {
        Map<Plan, List<TestDefinition>> tests = realTests();
        List<TestDefinition> hub = new ArrayList<>(tests.get(Plan.HUB));
        hub.add(new TestDefinition("YMT-XXX-003", "claims to see PostgreSQL", Plan.HUB, List.of("REQ-HA-1"), false,
                ctx -> {
                }));
        tests.put(Plan.HUB, hub);

        assertEquals(1, run(tests).errors().size());
        assertTrue(run(tests).errors().get(0).contains("REQ-HA-1, which the catalogue calls untestable"));
    }

    @Test
    void theCatalogueHoldsEveryRequirementOfTheDesign() {
        Set<String> expected = new TreeSet<>();
        add(expected, "TOPO", 3);
        add(expected, "REG", 1);
        add(expected, "KEY", 1);
        add(expected, "AUTH", 1);
        add(expected, "CRYPTO", 2);
        add(expected, "CODE", 4);
        add(expected, "VER", 5);
        add(expected, "LIST", 12);
        add(expected, "GREEN", 1);
        add(expected, "TOK", 4);
        add(expected, "LOA", 3);
        add(expected, "PRIV", 1);
        add(expected, "AUD", 3);
        add(expected, "APL", 1);
        add(expected, "ERR", 1);
        add(expected, "HA", 2);
        add(expected, "VENUE", 2);
        assertEquals(expected, CATALOGUE.all().stream().map(Requirement::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void exactlyTheBlackBoxUntestableRequirementsGiveAReason() {
        assertEquals(Set.of("REQ-LIST-9", "REQ-LIST-10", "REQ-AUD-2", "REQ-HA-1", "REQ-HA-2"),
                CATALOGUE.all().stream().filter(r -> !r.testable()).map(Requirement::id).collect(Collectors.toSet()));
    }

    @Test
    void aMalformedCatalogueRowIsRefusedNamingItsLine() {
        String csv = String.join(",", RequirementsCatalogue.HEADER) + "\nREQ-X-1,\"text, quoted\",MUST,hub,hub,\n";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RequirementsCatalogue.parse(new java.io.StringReader(csv)));
        assertEquals("line 2: level SHALL or SHOULD, got MUST", e.getMessage());
    }

    private static void add(Set<String> ids, String area, int count) {
        for (int i = 1; i <= count; i++) {
            ids.add("REQ-" + area + "-" + i);
        }
    }

    private static CoverageCheck.Result run(Map<Plan, List<TestDefinition>> tests) {
        return CoverageCheck.run(CATALOGUE, tests, Set.of(Plan.MEMBER));
    }

    private static Set<String> uncoveredWithout(Map<Plan, List<TestDefinition>> tests, TestDefinition removed) {
        return run(without(tests, removed)).uncovered();
    }

    private static Map<Plan, List<TestDefinition>> without(Map<Plan, List<TestDefinition>> tests,
            TestDefinition removed) {
        Map<Plan, List<TestDefinition>> copy = new EnumMap<>(tests);
        copy.put(removed.plan(), tests.get(removed.plan()).stream().filter(t -> t != removed).toList());
        return copy;
    }
}

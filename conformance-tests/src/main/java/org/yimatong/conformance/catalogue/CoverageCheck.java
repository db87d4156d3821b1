package org.yimatong.conformance.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestDefinition;

/**
 * Holds the tests to the catalogue:
 * <ul>
 * <li>every SHALL whose plan includes a checked plan is verified by at least one test of that plan, unless it
 * gives an {@code untestable_reason};</li>
 * <li>every REQ id a test cites exists, belongs to the test's plan, and is not one declared untestable.</li>
 * </ul>
 * It also lists, per checked plan, the SHALLs that have tests but no negative one, for the build to pin.
 */
public final class CoverageCheck {

    /**
     * The plans whose SHALL rows must each have a test: both, now that the hub plan's tests are registered
     * ({@code plans.hub.HubPlan}). This is the one place to leave a plan out while its tests are being written.
     * Citations are checked for every plan regardless.
     */
    public static final Set<Plan> PLANS_WITH_REQUIRED_COVERAGE = Collections.unmodifiableSet(
            EnumSet.of(Plan.MEMBER, Plan.HUB));

    private CoverageCheck() {
    }

    /** What the check found; {@link #passed()} when there are no errors. */
    public record Result(List<String> errors, Set<String> uncovered, Map<Plan, Set<String>> withoutNegative) {

        public boolean passed() {
            return errors.isEmpty();
        }
    }

    /**
     * @param tests every plan's tests (a plan may be absent or empty)
     * @param checked the plans whose SHALL rows must be covered
     */
    public static Result run(RequirementsCatalogue catalogue, Map<Plan, List<TestDefinition>> tests,
            Set<Plan> checked) {
        List<String> errors = new ArrayList<>();
        Set<String> uncovered = new TreeSet<>();
        Map<Plan, Set<String>> withoutNegative = new EnumMap<>(Plan.class);
        tests.forEach((plan, list) -> list.forEach(test -> checkCitations(catalogue, test, errors)));
        for (Plan plan : checked) {
            List<TestDefinition> planTests = tests.getOrDefault(plan, List.of());
            Set<String> lacking = new TreeSet<>();
            for (Requirement r : catalogue.all()) {
                if (!r.isShall() || !r.testable() || !r.plans().contains(plan)) {
                    continue;
                }
                List<TestDefinition> verifying = planTests.stream()
                        .filter(t -> t.requirements().contains(r.id())).toList();
                if (verifying.isEmpty()) {
                    uncovered.add(r.id());
                    errors.add(r.id() + " (SHALL, plan " + plan.cliName() + ") has no test in the "
                            + plan.cliName() + " plan and no untestable_reason");
                } else if (verifying.stream().noneMatch(TestDefinition::negative)) {
                    lacking.add(r.id());
                }
            }
            withoutNegative.put(plan, lacking);
        }
        return new Result(List.copyOf(errors), uncovered, withoutNegative);
    }

    private static void checkCitations(RequirementsCatalogue catalogue, TestDefinition test, List<String> errors) {
        for (String id : test.requirements()) {
            Requirement r = catalogue.find(id).orElse(null);
            if (r == null) {
                errors.add(test.id() + " cites " + id + ", which is not in the catalogue");
            } else if (!r.plans().contains(test.plan())) {
                errors.add(test.id() + " (" + test.plan().cliName() + " plan) cites " + id
                        + ", whose catalogue plan does not include " + test.plan().cliName());
            } else if (!r.testable()) {
                errors.add(test.id() + " cites " + id + ", which the catalogue calls untestable: drop the reason"
                        + " or the citation");
            }
        }
    }
}

package org.yimatong.conformance.plans;

import java.util.List;

import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestCatalog;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.plans.hub.HubPlan;
import org.yimatong.conformance.plans.member.MemberPlan;

/** Where the runner, the reports and the catalogue check find each plan's tests. */
public final class Plans {

    private Plans() {
    }

    /** The test classes registered for {@code plan}. */
    public static List<Class<?>> classes(Plan plan) {
        return switch (plan) {
            case MEMBER -> MemberPlan.TEST_CLASSES;
            case HUB -> HubPlan.TEST_CLASSES;
        };
    }

    /** The tests of {@code plan}, in id order. */
    public static List<TestDefinition> tests(Plan plan) {
        return TestCatalog.scan(plan, classes(plan));
    }
}

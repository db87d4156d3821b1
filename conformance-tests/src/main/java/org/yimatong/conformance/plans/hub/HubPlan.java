package org.yimatong.conformance.plans.hub;

import java.util.List;

/**
 * The registered test classes of the {@code hub} plan. To add tests: write a class in this package with a public
 * no-argument constructor and {@code @Conformance} methods {@code void name(TestContext ctx)} (ids
 * {@code YMT-<AREA>-<NNN>} not used by any plan), then list the class here. See the module README, "Writing a test".
 */
public final class HubPlan {

    /** Empty until the hub plan's tests are written. */
    public static final List<Class<?>> TEST_CLASSES = List.of();

    private HubPlan() {
    }
}

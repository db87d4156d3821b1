package org.yimatong.conformance.plans.member;

import java.util.List;

/** The registered test classes of the {@code member} plan. */
public final class MemberPlan {

    public static final List<Class<?>> TEST_CLASSES = List.of();

    private MemberPlan() {
    }
}

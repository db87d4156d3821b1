package org.yimatong.conformance.plans.member;

import java.util.List;

/** The registered test classes of the {@code member} plan. */
public final class MemberPlan {

    public static final List<Class<?>> TEST_CLASSES = List.of(PublicationTests.class, CodeTests.class,
            VerificationTests.class, RoutingTests.class, ClientAssertionTests.class, GreenLookupTests.class,
            IntrospectionTests.class, AppealTests.class, PrivacyTests.class, ListTests.class, VenueScanTests.class,
            RelativeCodeTests.class, AttestationTests.class);

    private MemberPlan() {
    }
}

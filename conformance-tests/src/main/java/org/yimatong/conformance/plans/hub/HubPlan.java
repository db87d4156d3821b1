package org.yimatong.conformance.plans.hub;

import java.util.List;

/**
 * The registered test classes of the {@code hub} plan. To add tests: write a class in this package with a public
 * no-argument constructor and {@code @Conformance} methods {@code void name(TestContext ctx)} (ids
 * {@code YMT-<AREA>-<NNN>} not used by any plan), then list the class here. See the module README, "Writing a test".
 */
public final class HubPlan {

    public static final List<Class<?>> TEST_CLASSES = List.of(HubDiscoveryTests.class, HubRegistryTests.class,
            HubAuthenticationTests.class, HubVerificationTests.class, HubCodeRefusalTests.class,
            HubCodePolicyTests.class, HubVenueTests.class, HubRoutingTests.class, HubListTests.class,
            HubProvenanceTests.class, HubGreenLookupTests.class, HubAuditTests.class, HubDisclosureTests.class,
            HubAppealTests.class, HubTokenTests.class, HubTokenExchangeTests.class, HubErrorTests.class);

    private HubPlan() {
    }
}

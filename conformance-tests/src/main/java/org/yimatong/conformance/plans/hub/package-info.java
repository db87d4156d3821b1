/**
 * The {@code hub} plan: tests of a hub, the suite acting as its members and its parent (keys it generates,
 * WireMock listeners where the hub calls them). Register each test class in
 * {@link org.yimatong.conformance.plans.hub.HubPlan#TEST_CLASSES}.
 */
package org.yimatong.conformance.plans.hub;

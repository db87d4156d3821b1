/**
 * The {@code hub} plan: tests of a hub, the suite acting as its members and its parent (keys it generates,
 * WireMock listeners where the hub calls them). Register each test class in
 * {@link org.yimatong.conformance.plans.hub.HubPlan#TEST_CLASSES}.
 *
 * <p>The suite onboards its {@link org.yimatong.conformance.plans.hub.VirtualFederation virtual members} through the
 * hub's admin API, so the run configuration's {@code "hub"} section must give the admin token and free region
 * prefixes ({@link org.yimatong.conformance.plans.hub.HubSettings}); the members' base URLs are the suite's listener,
 * which the hub must be able to reach. The parent test needs the hub's parent URL to be the suite's listener
 * ({@code hub.parentEntityId}), the token tests an audience the hub serves ({@code hub.tokenAudience}); without them
 * those tests are SKIPPED, which a passing report tolerates. Test ids use areas starting with {@code H}
 * ({@code YMT-HVER-001}) so they never meet the member plan's.
 */
package org.yimatong.conformance.plans.hub;

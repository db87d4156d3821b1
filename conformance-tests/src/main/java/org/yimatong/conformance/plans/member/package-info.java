/**
 * The {@code member} plan: tests of a provincial platform implementing the {@code member-api} tag, the suite acting
 * as its hub. Codes, residents and ID tokens of known colours and levels come from the target's test fixture API
 * ({@link org.yimatong.conformance.plans.member.MemberFixtures}).
 */
package org.yimatong.conformance.plans.member;

/**
 * The test plans: {@link org.yimatong.conformance.plans.Plans} maps a plan to its registered test classes;
 * {@code member} and {@code hub} hold the tests themselves.
 */
package org.yimatong.conformance.plans;

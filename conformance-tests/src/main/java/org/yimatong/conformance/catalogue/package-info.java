/**
 * The requirements catalogue ({@code requirements.csv}: every {@code REQ-...} of DESIGN.md with its level, actor
 * and plan) and the coverage check that holds the tests to it: a SHALL of a plan without a test of that plan, an
 * unknown or misplaced REQ id cited by a test, each is an error.
 */
package org.yimatong.conformance.catalogue;

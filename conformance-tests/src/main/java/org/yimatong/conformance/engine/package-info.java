/**
 * Declaring and running conformance tests: {@link org.yimatong.conformance.engine.Conformance} marks a test method,
 * {@link org.yimatong.conformance.engine.TestCatalog} finds them in a plan's classes,
 * {@link org.yimatong.conformance.engine.PlanRunner} runs them in id order with a timeout each, and
 * {@link org.yimatong.conformance.engine.TestContext} is what a test gets. No HTTP details and no plan's tests here.
 */
package org.yimatong.conformance.engine;

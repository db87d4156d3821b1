/**
 * Trust marks: an operator uploads a conformance report signed by a trusted runner key, and a passing
 * one is recorded on the member it is about. The member records themselves, and where marks are stored, belong
 * to {@code registry}.
 */
package org.yimatong.hub.conformance;

/**
 * The black-box conformance suite. Filled by the conformance issue.
 */
package org.yimatong.conformance;

/**
 * The results of a run, written for people and machines: JUnit XML, the JSON report with its detached JWS by the
 * runner's key (and that key's public JWK set), and a standalone HTML page. Everything in them is already redacted;
 * the HTML escapes every value.
 */
package org.yimatong.conformance.report;

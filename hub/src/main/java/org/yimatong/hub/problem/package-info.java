/**
 * Turns every refusal into an RFC 9457 problem answer, from one table. The problem types themselves are
 * part of the contract and live in {@code exchange-schemas}.
 */
package org.yimatong.hub.problem;

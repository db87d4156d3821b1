/**
 * The runnable member simulator ({@code java -jar ymt-member-simulator.jar}, module {@code member-simulator}): a
 * provincial platform that speaks the v1 member contract on a loopback port, with synthetic residents, dynamic
 * codes, a login service, daily list publication and switchable faults, for demos, {@code deploy/local} and the
 * conformance suite. No hub code here, and no adapter but the {@code soap-md5} dialect's own rules (password, safe
 * XML), which its SOAP gateway shares with the adapter; it only talks HTTP and uses {@code exchange-schemas} for
 * every wire format. A module of its own, so that the hub's runtime classpath never holds it.
 */
package org.yimatong.simulator;

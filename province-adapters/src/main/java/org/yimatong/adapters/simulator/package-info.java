/**
 * The runnable member simulator ({@code java -jar ymt-member-simulator.jar}): a provincial platform that speaks the
 * v1 member contract on a loopback port, with synthetic residents, dynamic codes, a login service, daily list
 * publication and switchable faults, for demos, {@code deploy/local} and the conformance suite. No adapter code
 * and no hub code here: the simulator only talks HTTP and uses {@code exchange-schemas} for every wire format.
 */
package org.yimatong.adapters.simulator;

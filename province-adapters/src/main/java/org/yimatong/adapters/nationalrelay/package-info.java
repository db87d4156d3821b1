/**
 * The {@code national-relay} dialect: the national relay's code check, asked with the {@code bizExtData} token
 * read from a code and answered with risk levels {@code 00}/{@code 01}/{@code 02} beside masked personal fields,
 * which the adapter drops. Native shape and mapping: module README.
 * <p>
 * Attestations (REQ-PRIV-1): none. The check answers {@code riskLevel} and masked personal fields only: no test,
 * no vaccination, no service links. A verification that asks for attestations gets the colour only, with the same
 * native request.
 */
package org.yimatong.adapters.nationalrelay;

/**
 * The {@code v1} dialect: a member that serves the v1 member contract itself ({@code /member/v1/...}). The
 * adapter passes requests through and checks that each answer is inside the contract; nothing is translated.
 * Attestations (REQ-PRIV-1): all three ({@code naat}, {@code vaccination}, {@code serviceLinks}) as the member gives
 * them, checked against the contract, and only those the request's {@code disclose} named; {@code requires} and
 * {@code operatorToken} never reach the member.
 */
package org.yimatong.adapters.v1;

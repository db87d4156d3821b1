/**
 * The {@code json-hmac} dialect: a JSON API with numeric colours ({@code 0} red, {@code 1} green, {@code 2}
 * yellow) whose requests are signed by HMAC-SHA256 over the parameters sorted by name, with a timestamp and a
 * nonce. Native shape and mapping: module README.
 * <p>
 * Attestations (REQ-PRIV-1): none. The verify answer's {@code data} documents {@code color}, {@code expireTime}, a
 * masked {@code holderName} and {@code sub}: no nucleic-acid test, no vaccination, no service links. Missing for
 * {@code naat}: result, sampling and report times, laboratory; for {@code vaccination}: doses and the last dose's
 * date; for {@code serviceLinks}: both flags. Any other member of {@code data} is ignored, so a verification that
 * asks for attestations gets the colour only, and the native request is the same as without {@code disclose}.
 */
package org.yimatong.adapters.jsonhmac;

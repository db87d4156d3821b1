/**
 * The {@code soap-md5} dialect: a SOAP 1.1 gateway with one operation {@code Invoke(appId, pwd, method, xml)},
 * {@code pwd = MD5(appId + method + yyyyMMdd)} (date in China), answers carrying {@code CodeStatus} and
 * {@code StatusReason} inside an escaped XML string. Native shape and mapping: module README.
 * <p>
 * Attestations (REQ-PRIV-1): none. {@code QueryCodeStatus} answers {@code CodeStatus}, {@code StatusReason} and
 * {@code IdNo} only. {@code StatusReason 04} (positive test) says why a code is red, not which test: without a
 * sampling time it is no {@code naat}. Missing: the whole test (result, sampling and report times, laboratory),
 * vaccination, service links. A verification that asks for attestations gets the colour only, with the same
 * native request.
 */
package org.yimatong.adapters.soapmd5;

/**
 * The {@code soap-md5} dialect: a SOAP 1.1 gateway with one operation {@code Invoke(appId, pwd, method, xml)},
 * {@code pwd = MD5(appId + method + yyyyMMdd)} (date in China), answers carrying {@code CodeStatus} and
 * {@code StatusReason} inside an escaped XML string. Native shape and mapping: module README.
 */
package org.yimatong.adapters.soapmd5;

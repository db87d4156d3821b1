/**
 * The {@code json-hmac} dialect: a JSON API with numeric colours ({@code 0} red, {@code 1} green, {@code 2}
 * yellow) whose requests are signed by HMAC-SHA256 over the parameters sorted by name, with a timestamp and a
 * nonce. Native shape and mapping: module README.
 */
package org.yimatong.adapters.jsonhmac;

/**
 * Token exchange (RFC 8693, {@code POST /v1/token}): reading and checking the form parameters, and issuing the
 * hub access token from a validated subject (and actor) token. Client authentication ({@code private_key_jwt},
 * replay of assertion {@code jti}s) happens in the hub before; the authenticated client id is an input here.
 */
package org.yimatong.tokens.exchange;

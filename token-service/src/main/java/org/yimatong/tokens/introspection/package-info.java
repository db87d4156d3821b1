/**
 * Introspection (RFC 7662, {@code POST /v1/introspect}): the answer for a hub token, exactly
 * {@code {"active":false}} for anything not active, and the signed JWT form of RFC 9701. Client authentication is
 * the hub's; the authenticated client id is an input here.
 */
package org.yimatong.tokens.introspection;

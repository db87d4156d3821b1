/**
 * The hub access token (RFC 9068, {@code typ: at+jwt}): its claims, how it is signed and how it is verified.
 * Issued by {@code exchange}, checked by {@code introspection}.
 */
package org.yimatong.tokens.accesstoken;

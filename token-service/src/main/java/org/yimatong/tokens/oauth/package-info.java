/**
 * The OAuth error model of the token endpoints (RFC 6749 §5.2, RFC 8693 §2.2.2, RFC 8707, RFC 9470): the error
 * codes and {@link org.yimatong.tokens.oauth.TokenException}, which pairs one with a problem type so the hub maps
 * every refusal from one table. No HTTP here.
 */
package org.yimatong.tokens.oauth;

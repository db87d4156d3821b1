/**
 * Compact and detached JWS (RFC 7515) over the profiles of {@code crypto}, with one verifier that refuses
 * everything the federation does not sign with: {@code none}, HMAC, unknown {@code crit}, the wrong
 * {@code typ}. Every refusal is a {@link org.yimatong.schemas.jose.JoseException} with its own problem type.
 */
package org.yimatong.schemas.jose;

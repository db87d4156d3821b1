/**
 * The signature profiles of DESIGN.md §4 (SM2, ES256, EdDSA) over Bouncy Castle's lightweight API, SM3 and
 * HMAC-SM3, and the key formats members exchange (JWK, JWKS, PEM). No JOSE framing here: that is in
 * {@code jose}.
 */
package org.yimatong.schemas.crypto;

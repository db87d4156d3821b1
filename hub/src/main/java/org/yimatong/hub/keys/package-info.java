/**
 * The hub's own signing keys: generation, sealing at rest, rotation (token-service's
 * {@code KeyRotationPolicy}, by admin call and on a schedule under an advisory lock) and publication at
 * {@code /v1/jwks}. Members' key sets are kept by the registry, not here.
 */
package org.yimatong.hub.keys;

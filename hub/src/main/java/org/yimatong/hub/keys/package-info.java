/**
 * The hub's own signing keys: generation, sealing at rest, publication at {@code /v1/jwks}. Members' key
 * sets are kept by the registry, not here.
 */
package org.yimatong.hub.keys;

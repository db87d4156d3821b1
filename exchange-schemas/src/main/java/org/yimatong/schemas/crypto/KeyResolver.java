package org.yimatong.schemas.crypto;

import java.util.Optional;

/**
 * Finds a public key by its {@code kid}. The hub's implementation looks in the issuing member's key set and
 * may re-fetch it once (REQ-KEY-1); a {@link JwkSet} is the simplest one.
 */
@FunctionalInterface
public interface KeyResolver {

    /** The key with this id, or empty if the signer has no such key. */
    Optional<Jwk> resolve(String kid);
}

package org.yimatong.tokens.idtoken;

import java.util.Optional;

import org.yimatong.schemas.crypto.KeyResolver;

/**
 * The key sets of the members whose ID tokens this hub validates itself (its subtree). The hub backs it with
 * its registry and its in-memory key cache.
 */
public interface IssuerKeys {

    /** The key set of {@code issuer}, or empty if it is not a member this hub validates. */
    Optional<KeyResolver> keysOf(String issuer);

    /**
     * Re-fetches the key set of {@code issuer} after a token named an unknown {@code kid} (REQ-KEY-1). The
     * validator calls it at most once per token; the implementation limits the rate (at most once per 30 s per
     * member) and answers empty when it did not fetch.
     */
    Optional<KeyResolver> refresh(String issuer);
}

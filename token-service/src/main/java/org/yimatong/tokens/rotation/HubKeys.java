package org.yimatong.tokens.rotation;

import java.time.Instant;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

/**
 * The hub's keys as the exchange and introspection see them. {@link HubKeyList} is the immutable implementation;
 * the hub swaps one in after each rotation.
 */
public interface HubKeys {

    /**
     * The private key that signs with {@code profile} at {@code at}.
     *
     * @throws IllegalStateException if no key of {@code profile} signs at {@code at}
     */
    Jwk signingKey(SignatureProfile profile, Instant at);

    /** The public keys verifiers accept at {@code at}: what {@code /v1/jwks} serves. */
    JwkSet publishedKeys(Instant at);
}

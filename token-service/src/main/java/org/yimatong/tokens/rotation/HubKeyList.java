package org.yimatong.tokens.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

/** A fixed list of hub keys read through a {@link KeyRotationPolicy}. */
public record HubKeyList(List<HubKey> keys, KeyRotationPolicy policy) implements HubKeys {

    public HubKeyList {
        keys = List.copyOf(keys);
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Jwk signingKey(SignatureProfile profile, Instant at) {
        return policy.signingKey(keys, profile, at).map(HubKey::jwk).orElseThrow(() -> new IllegalStateException(
                "no " + profile.joseName() + " key signs at " + at));
    }

    @Override
    public JwkSet publishedKeys(Instant at) {
        return policy.publishedKeySet(keys, at);
    }

    /** The list after a rotation. */
    public HubKeyList with(KeyRotationPolicy.Rotation rotation) {
        return new HubKeyList(rotation.keys(), policy);
    }
}

package org.yimatong.conformance.counterpart;

import java.time.Clock;
import java.util.List;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;

/**
 * An entity the suite plays (the hub when testing a member; a member or the parent when testing a hub): its entity
 * id and its signing key. Immutable and thread-safe.
 */
public final class Identity {

    private final String entityId;
    private final Jwk key;
    private final Clock clock;

    public Identity(String entityId, Jwk key, Clock clock) {
        if (!key.hasPrivateKey()) {
            throw new IllegalArgumentException("an identity needs a private key to sign");
        }
        this.entityId = entityId;
        this.key = key;
        this.clock = clock;
    }

    /** A new identity with a fresh key of {@code profile}. */
    public static Identity generate(String entityId, SignatureProfile profile) {
        return new Identity(entityId, Jwk.generate(profile), Clock.systemUTC());
    }

    public String entityId() {
        return entityId;
    }

    /** The private key (for signing codes, batches, tokens the test builds itself). */
    public Jwk key() {
        return key;
    }

    /** The public key set to publish or to give the target as trusted. */
    public JwkSet publicKeys() {
        return new JwkSet(List.of(key)).publicOnly();
    }

    /** A fresh {@code Ymt-Client-Assertion} of this entity for {@code audience}: new {@code jti}, 60 s life. */
    public String assertionFor(String audience) {
        return ClientAssertion.sign(key, entityId, audience, clock.instant());
    }
}

package org.yimatong.tokens.rotation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.crypto.Jwk;

/**
 * A hub signing key and its window: published from {@code publishFrom}, signing from {@code signFrom} until
 * {@code retireAt} (exclusive; {@code null} while it has no successor). It stays published after retiring until
 * the last token it signed has expired.
 *
 * @param jwk the key with its private part
 */
public record HubKey(Jwk jwk, Instant publishFrom, Instant signFrom, Instant retireAt) {

    /**
     * @throws IllegalArgumentException if the key has no private part, would sign before it is published, or
     *     retires before it signs
     */
    public HubKey {
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(publishFrom, "publishFrom");
        Objects.requireNonNull(signFrom, "signFrom");
        if (!jwk.hasPrivateKey()) {
            throw new IllegalArgumentException("a hub key needs its private part");
        }
        if (signFrom.isBefore(publishFrom)) {
            throw new IllegalArgumentException("key " + jwk.kid() + " would sign before it is published");
        }
        if (retireAt != null && retireAt.isBefore(signFrom)) {
            throw new IllegalArgumentException("key " + jwk.kid() + " would retire before it signs");
        }
    }

    /** A key that publishes and signs from {@code at}: the first key of a new hub. */
    public static HubKey startingAt(Jwk jwk, Instant at) {
        return new HubKey(jwk, at, at, null);
    }

    public String kid() {
        return jwk.kid();
    }

    public Optional<Instant> retirement() {
        return Optional.ofNullable(retireAt);
    }

    /** True if the key signs at {@code at}. */
    public boolean signsAt(Instant at) {
        return !at.isBefore(signFrom) && (retireAt == null || at.isBefore(retireAt));
    }

    public HubKey retiringAt(Instant at) {
        return new HubKey(jwk, publishFrom, signFrom, at);
    }

    /** No private part in logs. */
    @Override
    public String toString() {
        return "HubKey[" + jwk.profile().joseName() + " " + jwk.kid() + ", publish " + publishFrom + ", sign "
                + signFrom + ", retire " + retireAt + "]";
    }
}

package org.yimatong.tokens.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.KeyRotationResult;
import org.yimatong.schemas.payload.SignatureAlgorithm;

/**
 * Key rotation as pure functions (REQ-KEY-1). A new key is published {@code publishAhead} before it signs, so
 * every verifier has fetched it before the first token it signs; the key it replaces stops signing at that moment
 * and stays published until the last token it signed has expired ({@code retireAt + maxTokenLifetime + skew}),
 * with that instant as its JWK {@code exp}. Immutable and thread-safe.
 */
public final class KeyRotationPolicy {

    private final Duration maxTokenLifetime;
    private final Duration clockSkew;

    /**
     * @param maxTokenLifetime the longest lifetime of anything the hub signs (access tokens, introspection answers)
     * @param clockSkew the skew verifiers accept after {@code exp}
     */
    public KeyRotationPolicy(Duration maxTokenLifetime, Duration clockSkew) {
        this.maxTokenLifetime = Objects.requireNonNull(maxTokenLifetime);
        this.clockSkew = Objects.requireNonNull(clockSkew);
    }

    /** The key of {@code profile} that signs at {@code at}: of those whose window is open, the newest. */
    public Optional<HubKey> signingKey(Collection<HubKey> keys, SignatureProfile profile, Instant at) {
        return keys.stream()
                .filter(k -> k.jwk().profile() == profile && k.signsAt(at))
                .max(Comparator.comparing(HubKey::signFrom));
    }

    /**
     * When {@code key} may leave the key set: once the last token it could sign has expired, skew included.
     * Empty while it has not retired.
     */
    public Optional<Instant> dropAfter(HubKey key) {
        return key.retirement().map(r -> r.plus(maxTokenLifetime).plus(clockSkew));
    }

    /** True if {@code key} may be deleted at {@code at}. */
    public boolean mayDrop(HubKey key, Instant at) {
        return dropAfter(key).map(d -> !at.isBefore(d)).orElse(false);
    }

    /** The keys {@code /v1/jwks} publishes at {@code at}: publication begun, not yet droppable. */
    public List<HubKey> published(Collection<HubKey> keys, Instant at) {
        return keys.stream()
                .filter(k -> !at.isBefore(k.publishFrom()) && !mayDrop(k, at))
                .sorted(Comparator.comparing(HubKey::publishFrom).thenComparing(HubKey::kid))
                .toList();
    }

    /** {@link #published} as a public JWK set; a retiring key carries its drop instant as {@code exp}. */
    public JwkSet publishedKeySet(Collection<HubKey> keys, Instant at) {
        return new JwkSet(published(keys, at).stream()
                .map(k -> k.jwk().publicOnly().withExpiry(dropAfter(k).orElse(null)))
                .toList());
    }

    /**
     * Rotates the key of {@code fresh}'s profile at {@code at}: {@code fresh} is published now and signs from
     * {@code at + publishAhead}; the key signing now retires at that instant. Keys that may be dropped at
     * {@code at} are left out of the result.
     *
     * @throws IllegalArgumentException if {@code publishAhead} is negative or {@code fresh}'s kid is taken
     */
    public Rotation rotate(Collection<HubKey> keys, Jwk fresh, Instant at, Duration publishAhead) {
        if (publishAhead.isNegative()) {
            throw new IllegalArgumentException("publishAhead must not be negative");
        }
        if (keys.stream().anyMatch(k -> k.kid().equals(fresh.kid()))) {
            throw new IllegalArgumentException("kid " + fresh.kid() + " is already in use");
        }
        SignatureProfile profile = fresh.profile();
        Instant activatesAt = at.plus(publishAhead);
        Optional<HubKey> previous = signingKey(keys, profile, at);
        List<HubKey> next = new ArrayList<>();
        for (HubKey k : keys) {
            if (mayDrop(k, at)) {
                continue;
            }
            boolean stillSigning = k.jwk().profile() == profile
                    && (k.retireAt() == null || k.retireAt().isAfter(activatesAt));
            next.add(stillSigning ? k.retiringAt(activatesAt.isBefore(k.signFrom()) ? k.signFrom() : activatesAt)
                    : k);
        }
        HubKey added = new HubKey(fresh, at, activatesAt, null);
        next.add(added);
        KeyRotationResult result = new KeyRotationResult(fresh.kid(), SignatureAlgorithm.of(profile), at,
                activatesAt, previous.map(HubKey::kid).orElse(null),
                previous.flatMap(p -> dropAfter(p.retiringAt(activatesAt))).orElse(null));
        return new Rotation(List.copyOf(next), added, result);
    }

    /**
     * The outcome of a rotation.
     *
     * @param keys the full key list to store
     * @param added the new key
     * @param result the admin API's answer; {@code previousRetiresAt} is when the previous key leaves the set
     */
    public record Rotation(List<HubKey> keys, HubKey added, KeyRotationResult result) {}
}

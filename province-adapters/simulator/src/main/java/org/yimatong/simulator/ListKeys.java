package org.yimatong.simulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The simulator's list key of the current epoch: one drawn at start ({@code random}), one given, or the hub's
 * ({@code hub}): fetched at the first need (never at start: a simulator runs before it is registered at its hub),
 * fetched again at the next need after a failure, and again once its {@code validUntil} has passed. Concurrent
 * needs share one fetch.
 */
final class ListKeys {

    /** How long a fetch of the hub's list key may take: it runs while a verification waits. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

    private final String entityId;
    private final Optional<HubClient> hub;
    private final Clock clock;
    /** The list key of {@code random} or a given key; {@code null} with the hub's. */
    private final byte[] own;
    private final AtomicReference<ListKey> fromHub = new AtomicReference<>();

    ListKeys(String spec, String entityId, Optional<HubClient> hub, Clock clock) {
        this.entityId = entityId;
        this.hub = hub;
        this.clock = clock;
        this.own = own(spec);
    }

    /** @throws ProblemException 503 {@code overloaded} when the hub cannot give it now */
    byte[] current() {
        if (own != null) {
            return own.clone();
        }
        ListKey current = fromHub.get();
        if (!usable(current)) {
            synchronized (fromHub) {
                current = fromHub.get();
                if (!usable(current)) {
                    current = fetch();
                    fromHub.set(current);
                }
            }
        }
        return Base64Url.decode(current.key());
    }

    /**
     * The list key for one answer, or empty (with one line on standard error) when it cannot be had now: an answer
     * then goes out without the list pseudonym rather than failing.
     */
    Optional<byte[]> forAnswer(String what) {
        try {
            return Optional.of(current());
        } catch (ProblemException e) {
            System.err.println("simulator " + entityId + ": " + what + " answered without listSub: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** The epoch of the hub's list key in use; empty for a key of the simulator's own (the hub assumes its current). */
    Optional<String> epoch() {
        return own != null ? Optional.empty() : Optional.ofNullable(fromHub.get()).map(ListKey::epoch);
    }

    private boolean usable(ListKey key) {
        return key != null && clock.instant().isBefore(key.validUntil());
    }

    private ListKey fetch() {
        try {
            return hub.orElseThrow().listKey(FETCH_TIMEOUT);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.OVERLOADED, "The hub's list key is not available ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.OVERLOADED, "Interrupted while fetching the list key", e);
        }
    }

    private static byte[] own(String spec) {
        if (spec.equals(SimulatorOptions.HUB)) {
            return null;
        }
        if (spec.equals(SimulatorOptions.RANDOM)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
        return Base64Url.decode(spec);
    }
}

package org.yimatong.hub.lists.replication;

import java.time.Duration;
import java.time.Instant;

/** When a job that failed to reach the parent may try again: doubling from 1 s up to a minute, reset on success. */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofMinutes(1);

    private Duration delay = Duration.ZERO;
    private Instant notBefore = Instant.MIN;

    synchronized boolean mayTry(Instant now) {
        return !now.isBefore(notBefore);
    }

    synchronized void failed(Instant now) {
        delay = delay.isZero() ? FIRST : min(delay.multipliedBy(2));
        notBefore = now.plus(delay);
    }

    synchronized void succeeded() {
        delay = Duration.ZERO;
        notBefore = Instant.MIN;
    }

    /** Whether the last failure is the first of a run (worth a warning; the repeats are not). */
    synchronized boolean firstFailure() {
        return delay.equals(FIRST);
    }

    private static Duration min(Duration d) {
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }
}

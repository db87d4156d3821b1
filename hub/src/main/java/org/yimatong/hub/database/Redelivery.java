package org.yimatong.hub.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * How the hub's outboxes (appeals, venue scans) try again: a delivery that failed waits {@link #FIRST_RETRY}, twice
 * as long after each further failure, at most {@link #MAX_RETRY}; a round tries every due delivery, each failing
 * alone.
 */
public final class Redelivery {

    public static final Duration FIRST_RETRY = Duration.ofSeconds(15);
    public static final Duration MAX_RETRY = Duration.ofHours(1);

    private Redelivery() {
    }

    /** The wait after {@code attempts} failed attempts. */
    public static Duration backoff(int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
    }

    /** Tries every due delivery at once; how many succeeded. */
    public static <T> Uni<Integer> round(List<T> due, Function<T, Uni<Boolean>> attempt) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Boolean>> attempts = new ArrayList<>();
        for (T delivery : due) {
            attempts.add(attempt.apply(delivery));
        }
        return Uni.join().all(attempts).andCollectFailures()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }
}

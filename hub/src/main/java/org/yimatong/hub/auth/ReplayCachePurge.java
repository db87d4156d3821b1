package org.yimatong.hub.auth;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets the client assertions that could no longer be accepted anyway ({@code expires_at} passed, skew
 * included), so the replay cache holds about a minute of traffic, not every call since the start. A delete is
 * idempotent: each instance may run it, none needs to wait for another.
 */
@ApplicationScoped
public class ReplayCachePurge {

    private final Pool pool;
    private final Clock clock;

    public ReplayCachePurge(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(identity = "replay-cache-purge", every = "{ymt.auth.replay-purge-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().replaceWithVoid();
    }

    /** Deletes the expired assertion ids; how many. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("delete from seen_client_assertion where expires_at < $1")
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}

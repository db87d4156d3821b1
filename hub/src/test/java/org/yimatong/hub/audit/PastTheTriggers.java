package org.yimatong.hub.audit;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an attacker with the database's superuser could do to the audit trail: change or delete its rows past the
 * append-only triggers (disabled for one transaction), so a test can check that the chain check notices.
 */
public final class PastTheTriggers {

    private PastTheTriggers() {
    }

    /** Runs {@code sql} with {@code args} with the append-only triggers off. */
    public static void execute(Pool pool, String sql, Tuple args) {
        pool.withTransaction(connection -> connection.query("set local session_replication_role = replica").execute()
                .chain(() -> connection.preparedQuery(sql).execute(args))).await().atMost(Duration.ofSeconds(10));
    }

    /** Rewrites the outcome of the event {@code seq} of {@code chain}. */
    public static void setOutcome(Pool pool, String chain, long seq, String outcome) {
        execute(pool, "update audit_event set outcome = $1 where chain_id = $2 and seq = $3", Tuple.of(outcome,
                chain, seq));
    }
}

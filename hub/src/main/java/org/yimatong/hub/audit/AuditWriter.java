package org.yimatong.hub.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.database.GroupCommit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit of audit events (REQ-AUD-2). Requests hand their event over and are answered once it is
 * committed; while one insert is in flight, the events that arrive queue up and go in the next single
 * statement. So an idle hub commits each event at once, and a busy one pays one round trip per batch,
 * not per request. This instance's chain ({@link #chainId()}) is extended only by this writer, so the
 * hashes are computed in order without any lock in the database.
 */
@ApplicationScoped
public class AuditWriter {

    private static final int MAX_BATCH = 512;
    private static final String INSERT = "insert into audit_event (chain_id, seq, at, actor, member, purpose, action,"
            + " target, outcome, latency_ms, prev_hash, hash, subject, origin) values ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
            + " $10, $11, $12, $13, $14)";

    private final Pool pool;
    private final String chainId = "chain-" + UUID.randomUUID();
    private final GroupCommit<AuditEvent, Void> commits = new GroupCommit<>("audit events", MAX_BATCH, this::insert);

    // Touched only by the batch in flight (GroupCommit runs one at a time).
    private long nextSeq = 1;
    private byte[] head = AuditChain.GENESIS;
    private Instant lastAt = Instant.EPOCH;

    public AuditWriter(Pool pool) {
        this.pool = pool;
    }

    public String chainId() {
        return chainId;
    }

    /** Completes when the event is committed; fails if it could not be. */
    public Uni<Void> append(AuditEvent event) {
        AuditOutcome.require(event.outcome());
        return commits.submit(event);
    }

    /** Links the batch onto this chain's head in order and inserts it in one transaction. */
    private Uni<List<Void>> insert(List<AuditEvent> events) {
        List<Tuple> rows = new ArrayList<>(events.size());
        long seq = nextSeq;
        byte[] prev = head;
        Instant at = lastAt;
        for (AuditEvent event : events) {
            // never earlier than the event before: a day's partition then holds a contiguous stretch of each chain,
            // so archiving a day cuts a chain in one place (requests finishing out of order differ by microseconds)
            at = event.at().truncatedTo(ChronoUnit.MICROS).isBefore(at) ? at
                    : event.at().truncatedTo(ChronoUnit.MICROS);
            AuditEvent e = event.at(at);
            byte[] hash = AuditChain.link(prev, chainId, seq, e);
            rows.add(Tuple.tuple(List.of(chainId, seq, e.at().atOffset(ZoneOffset.UTC), e.actor()))
                    .addValue(e.member()).addValue(e.purpose()).addValue(e.action().name()).addValue(e.target())
                    .addValue(e.outcome()).addInteger(e.latencyMs())
                    .addValue(Buffer.buffer(prev)).addValue(Buffer.buffer(hash)).addValue(e.subject())
                    .addValue(e.origin()));
            prev = hash;
            seq++;
        }
        long committedSeq = seq;
        byte[] committedHead = prev;
        Instant committedAt = at;
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).map(ok -> {
            nextSeq = committedSeq;
            head = committedHead;
            lastAt = committedAt;
            return Collections.nCopies(events.size(), (Void) null);
        });
    }
}

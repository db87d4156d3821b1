package org.yimatong.hub.audit;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
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

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final int MAX_BATCH = 512;
    private static final String INSERT = "insert into audit_event (chain_id, seq, at, actor, member, purpose, action,"
            + " target, outcome, latency_ms, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private final Pool pool;
    private final String chainId = "chain-" + UUID.randomUUID();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    // Touched only by the single flusher (guarded by 'flushing').
    private long nextSeq = 1;
    private byte[] head = AuditChain.GENESIS;

    public AuditWriter(Pool pool) {
        this.pool = pool;
    }

    public String chainId() {
        return chainId;
    }

    /** Completes when the event is committed; fails if it could not be. */
    public Uni<Void> append(AuditEvent event) {
        AuditOutcome.require(event.outcome());
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(event, emitter));
            flushIfIdle();
        });
    }

    private void flushIfIdle() {
        if (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
            flush();
        }
    }

    private void flush() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null;) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            flushIfIdle(); // an event may have arrived between poll() and set(false)
            return;
        }
        List<Tuple> rows = new ArrayList<>(batch.size());
        long seq = nextSeq;
        byte[] prev = head;
        for (Pending p : batch) {
            AuditEvent e = p.event();
            byte[] hash = AuditChain.link(prev, chainId, seq, e);
            rows.add(Tuple.tuple(List.of(chainId, seq, e.at().atOffset(ZoneOffset.UTC), e.actor()))
                    .addValue(e.member()).addValue(e.purpose()).addValue(e.action().name()).addValue(e.target())
                    .addValue(e.outcome()).addInteger(e.latencyMs())
                    .addValue(Buffer.buffer(prev)).addValue(Buffer.buffer(hash)));
            prev = hash;
            seq++;
        }
        long committedSeq = seq;
        byte[] committedHead = prev;
        pool.withTransaction(conn -> conn.preparedQuery(INSERT).executeBatch(rows)).subscribe().with(
                ok -> {
                    nextSeq = committedSeq;
                    head = committedHead;
                    batch.forEach(p -> p.emitter().complete(null));
                    flush();
                },
                failure -> {
                    LOG.errorf(failure, "Could not commit %d audit events; their requests fail", batch.size());
                    batch.forEach(p -> p.emitter().fail(failure));
                    flush();
                });
    }

    private record Pending(AuditEvent event, UniEmitter<? super Void> emitter) {
    }
}

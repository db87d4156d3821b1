package org.yimatong.hub.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The replay cache of client assertions (RFC 7523 §3: a {@code jti} is accepted once), in PostgreSQL so every hub
 * instance shares it (REQ-HA-1), written by group commit as the audit trail is: while one insert is in flight the
 * assertions that arrive queue up and go in the next single statement, so a busy hub pays one round trip per batch,
 * not per request. Each caller learns whether its own {@code jti} was new.
 */
@ApplicationScoped
public class SeenAssertions {

    private static final Logger LOG = Logger.getLogger(SeenAssertions.class);
    private static final int MAX_BATCH = 512;
    private static final String INSERT = "insert into seen_client_assertion (issuer, jti, expires_at)"
            + " select * from unnest($1::text[], $2::text[], $3::timestamptz[]) on conflict do nothing"
            + " returning issuer, jti";

    private final Pool pool;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    public SeenAssertions(Pool pool) {
        this.pool = pool;
    }

    /** True if this is the first time {@code jti} of {@code issuer} is seen; kept until {@code forgetAfter}. */
    public Uni<Boolean> firstUse(String issuer, String jti, Instant forgetAfter) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(new Key(issuer, jti), forgetAfter.atOffset(ZoneOffset.UTC), emitter));
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
        Set<Key> inBatch = new HashSet<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null;) {
            if (inBatch.add(p.key())) {
                batch.add(p);
            } else {
                p.emitter().complete(false); // the same jti twice in one batch: only the first can be new
            }
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            flushIfIdle(); // an assertion may have arrived between poll() and set(false)
            return;
        }
        String[] issuers = new String[batch.size()];
        String[] jtis = new String[batch.size()];
        OffsetDateTime[] expiries = new OffsetDateTime[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            issuers[i] = batch.get(i).key().issuer();
            jtis[i] = batch.get(i).key().jti();
            expiries[i] = batch.get(i).forgetAfter();
        }
        pool.preparedQuery(INSERT).execute(Tuple.of(issuers, jtis, expiries)).subscribe().with(
                rows -> {
                    Set<Key> inserted = new HashSet<>();
                    for (Row row : rows) {
                        inserted.add(new Key(row.getString("issuer"), row.getString("jti")));
                    }
                    batch.forEach(p -> p.emitter().complete(inserted.contains(p.key())));
                    flush();
                },
                failure -> {
                    LOG.errorf(failure, "Could not record %d client assertions; their requests fail", batch.size());
                    batch.forEach(p -> p.emitter().fail(failure));
                    flush();
                });
    }

    private record Key(String issuer, String jti) {
    }

    private record Pending(Key key, OffsetDateTime forgetAfter, UniEmitter<? super Boolean> emitter) {
    }
}

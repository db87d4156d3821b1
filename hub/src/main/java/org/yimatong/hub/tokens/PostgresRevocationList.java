package org.yimatong.hub.tokens;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.yimatong.schemas.payload.RevocationRequest;
import org.yimatong.tokens.revocation.RevocationList;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The deny list in PostgreSQL, with every live entry also in memory so that {@link #isRevoked} (asked on every
 * exchange and introspection) never waits for the database. A revocation is written to PostgreSQL first and then
 * announced by NOTIFY; every instance adds it to its memory (REQ-HA-1). The synchronous {@link #revoke} and
 * {@link #purge} of the token-service interface wait for the database: call them off the event loop (tests, the
 * scheduled purge); requests use {@link #revokeAsync}.
 */
@ApplicationScoped
public class PostgresRevocationList implements RevocationList {

    private static final Logger LOG = Logger.getLogger(PostgresRevocationList.class);
    static final String CHANNEL = "ymt_token_revoked";

    private record Key(String issuer, String jti) {}

    private final Pool pool;
    private final Clock clock;
    private final Map<Key, Instant> entries = new ConcurrentHashMap<>();

    @Inject
    public PostgresRevocationList(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, PgSubscriber subscriber) {
        subscriber.channel(CHANNEL).handler(payload -> load().subscribe().with(ok -> {
        }, failure -> LOG.warn("Could not reload revocations after a NOTIFY", failure)));
        load().await().indefinitely();
    }

    /** Reads every entry not yet past its until into memory. */
    public Uni<Void> load() {
        return pool.preparedQuery("select issuer, jti, until from token_revocation where until > $1")
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    rows.forEach(row -> remember(row.getString("issuer"), row.getString("jti"),
                            row.getOffsetDateTime("until").toInstant()));
                    return null;
                }).replaceWithVoid();
    }

    /** Records a revocation; revoking again keeps the later until. */
    public Uni<Void> revokeAsync(String issuer, String jti, Instant until, RevocationRequest.Kind kind, String reason,
            String revokedBy) {
        Tuple values = Tuple.tuple(java.util.List.of(issuer, jti, until.atOffset(ZoneOffset.UTC), kind.name()))
                .addValue(reason).addValue(revokedBy).addValue(clock.instant().atOffset(ZoneOffset.UTC));
        return pool.withTransaction(conn -> conn.preparedQuery("insert into token_revocation"
                + " (issuer, jti, until, kind, reason, revoked_by, revoked_at) values ($1, $2, $3, $4, $5, $6, $7)"
                + " on conflict (issuer, jti) do update set until = greatest(token_revocation.until, excluded.until)")
                .execute(values)
                .flatMap(done -> conn.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, jti))))
                .invoke(() -> remember(issuer, jti, until))
                .replaceWithVoid();
    }

    @Override
    public void revoke(String issuer, String jti, Instant until) {
        revokeAsync(issuer, jti, until, RevocationRequest.Kind.TOKEN, null, "hub").await().indefinitely();
    }

    @Override
    public boolean isRevoked(String issuer, String jti, Instant at) {
        Instant until = entries.get(new Key(issuer, jti));
        return until != null && at.isBefore(until);
    }

    @Override
    public int purge(Instant now) {
        entries.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
        return pool.preparedQuery("delete from token_revocation where until <= $1")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).await().indefinitely().rowCount();
    }

    /** Forgets entries past their until, every few minutes, on a worker thread. */
    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        int purged = purge(clock.instant());
        if (purged > 0) {
            LOG.debugf("Purged %d expired revocations", purged);
        }
    }

    private void remember(String issuer, String jti, Instant until) {
        entries.merge(new Key(issuer, jti), until, (a, b) -> a.isAfter(b) ? a : b);
    }
}

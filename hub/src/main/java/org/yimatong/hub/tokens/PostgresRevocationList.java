package org.yimatong.hub.tokens;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.schemas.payload.RevocationRequest;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
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
 * announced by NOTIFY with its until, issuer and jti; every instance adds that one entry to its memory (REQ-HA-1).
 * The synchronous {@link #revoke} and {@link #purge} of the token-service interface wait for the database: call
 * them off the event loop (tests, the scheduled purge); requests use {@link #revokeAsync}.
 */
@ApplicationScoped
public class PostgresRevocationList implements RevocationList {

    private static final Logger LOG = Logger.getLogger(PostgresRevocationList.class);
    static final String CHANNEL = "ymt_token_revoked";

    private record Key(String issuer, String jti) {}

    private final Pool pool;
    private final Clock clock;
    private final int maxPerIssuer;
    private final Map<Key, Instant> entries = new ConcurrentHashMap<>();

    @Inject
    public PostgresRevocationList(Pool pool, Clock clock,
            @ConfigProperty(name = "ymt.revocations.max-per-issuer", defaultValue = "50000") int maxPerIssuer) {
        this.pool = pool;
        this.clock = clock;
        this.maxPerIssuer = maxPerIssuer;
    }

    void onStart(@Observes StartupEvent event, PgSubscriber subscriber) {
        // the NOTIFY carries the revocation itself: one change costs every instance one map entry, not a reload
        subscriber.channel(CHANNEL).handler(this::announced);
        load().await().indefinitely();
    }

    private void announced(String payload) {
        String[] parts = payload.split("\n", 3);
        if (parts.length != 3) {
            LOG.warnf("Ignored a revocation NOTIFY that is not until/issuer/jti: %d parts", parts.length);
            return;
        }
        try {
            remember(parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[0])));
        } catch (NumberFormatException e) {
            LOG.warn("Ignored a revocation NOTIFY without an until");
        }
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

    /**
     * Records a revocation; revoking again keeps the later until. An issuer has at most
     * {@code ymt.revocations.max-per-issuer} live ones (every instance keeps them all in memory): past that a new one
     * is refused 409 until some expire; revoking one already on the list again is always accepted.
     */
    public Uni<Void> revokeAsync(String issuer, String jti, Instant until, RevocationRequest.Kind kind, String reason,
            String revokedBy) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Tuple values = Tuple.tuple(List.of(issuer, jti, until.atOffset(ZoneOffset.UTC), kind.name()))
                .addValue(reason).addValue(revokedBy).addValue(now).addValue(maxPerIssuer);
        return pool.withTransaction(conn -> conn.preparedQuery("insert into token_revocation"
                + " (issuer, jti, until, kind, reason, revoked_by, revoked_at)"
                + " select $1, $2, $3, $4, $5, $6, $7"
                + " where exists (select 1 from token_revocation where issuer = $1 and jti = $2)"
                + " or (select count(*) from token_revocation where issuer = $1 and until > $7) < $8"
                + " on conflict (issuer, jti) do update set until = greatest(token_revocation.until, excluded.until)")
                .execute(values)
                .flatMap(done -> {
                    if (done.rowCount() == 0) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, issuer + " has "
                                + maxPerIssuer + " live revocations, the most an issuer may have; new ones are"
                                + " accepted as these expire", List.of()));
                    }
                    return conn.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL,
                            until.toEpochMilli() + "\n" + issuer + "\n" + jti));
                }))
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

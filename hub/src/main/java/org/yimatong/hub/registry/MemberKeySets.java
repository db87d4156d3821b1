package org.yimatong.hub.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.schemas.crypto.JwkSet;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Re-fetches a member's published key set when it signs with a {@code kid} the hub does not know (REQ-KEY-1): at
 * most once per member per 30 s across every hub instance, and stored for all of them.
 */
@ApplicationScoped
public class MemberKeySets {

    private static final Logger LOG = Logger.getLogger(MemberKeySets.class);
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final Pool pool;
    private final KeySetFetcher fetcher;
    private final Clock clock;
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();

    public MemberKeySets(Pool pool, KeySetFetcher fetcher, Clock clock) {
        this.pool = pool;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The member's key set as fetched and stored now; empty when another instance (or this one) fetched it in the
     * last 30 s, or when the fetch failed (logged: the member keeps the keys it had).
     */
    Uni<Optional<JwkSet>> refresh(Member member) {
        return claim(member.entityId()).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(Optional.<JwkSet>empty());
            }
            return fetcher.fetch(member.jwksUri())
                    .call(keys -> pool.preparedQuery("update member set jwks = $1 where entity_id = $2")
                            .execute(Tuple.of(keys.toJson().toString(), member.entityId())))
                    .map(Optional::of)
                    .onFailure().recoverWithItem((Throwable failure) -> {
                        LOG.warnf("Could not re-fetch the key set of %s from %s: %s", member.entityId(),
                                member.jwksUri(), failure.getMessage());
                        return Optional.empty();
                    });
        });
    }

    /**
     * This instance's own recent attempts are remembered first, so a flood of codes with made-up kids costs no
     * database round trip; then the claim in the member's row decides between instances.
     */
    private Uni<Boolean> claim(String entityId) {
        Instant now = clock.instant();
        Instant last = lastAttempt.get(entityId);
        if (last != null && last.plus(REFRESH_INTERVAL).isAfter(now)) {
            return Uni.createFrom().item(false);
        }
        lastAttempt.put(entityId, now);
        return pool.preparedQuery("update member set jwks_fetched_at = $2 where entity_id = $1"
                + " and (jwks_fetched_at is null or jwks_fetched_at < $2::timestamptz - interval '30 seconds')")
                .execute(Tuple.of(entityId, now.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }
}

package org.yimatong.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The replay cache keeps an assertion id only while the assertion could still be accepted. */
@QuarkusTest
class ReplayCachePurgeTest {

    @Inject
    ReplayCachePurge purge;

    @Inject
    Pool pool;

    @Test
    void expiredAssertionIdsArePurgedAndLiveOnesKept() {
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        Instant now = Instant.now();
        insert(expired, now.minus(1, ChronoUnit.DAYS));
        insert(live, now.plus(1, ChronoUnit.DAYS));

        assertTrue(purge.purge().await().indefinitely() >= 1);

        assertEquals(0, count(expired));
        assertEquals(1, count(live));
    }

    private void insert(String jti, Instant expiresAt) {
        pool.preparedQuery("insert into seen_client_assertion (issuer, jti, expires_at) values ($1, $2, $3)")
                .execute(Tuple.of("ymt:member:purge", jti, expiresAt.atOffset(ZoneOffset.UTC))).await().indefinitely();
    }

    private long count(String jti) {
        return pool.preparedQuery("select count(*) from seen_client_assertion where jti = $1").execute(Tuple.of(jti))
                .await().indefinitely().iterator().next().getLong(0);
    }
}

package org.yimatong.hub.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.SecondInstance;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.revocation.RevocationListContract;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The PostgreSQL deny list keeps token-service's contract, what one instance revokes another sees (from the
 * NOTIFY alone), and an issuer cannot grow it without bound.
 */
@QuarkusTest
class PostgresRevocationListTest extends RevocationListContract {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    Vertx vertx;

    @Override
    protected PostgresRevocationList newList() {
        pool.query("delete from token_revocation")
                .execute().await().indefinitely();
        return new PostgresRevocationList(pool, clock, 50_000);
    }

    @Test
    void anotherInstanceLoadsWhatThisOneRevoked() {
        Instant until = clock.instant().plusSeconds(300);
        new PostgresRevocationList(pool, clock, 50_000).revoke("ymt:hub:yrd", "jti-shared", until);

        PostgresRevocationList other = new PostgresRevocationList(pool, clock, 50_000);
        other.load().await().indefinitely();

        assertTrue(other.isRevoked("ymt:hub:yrd", "jti-shared", clock.instant()));
    }

    @Test
    void aRunningInstanceLearnsEachRevocationFromItsNotification() throws InterruptedException {
        PostgresRevocationList listening = newList();
        PgSubscriber ownConnection = SecondInstance.listening(vertx);
        try {
            listening.onStart(null, ownConnection);
            ownConnection.connect().await().indefinitely();
            Instant until = clock.instant().plusSeconds(300);

            new PostgresRevocationList(pool, clock, 50_000).revoke("ymt:member:310000", "jti-announced-0001", until);

            for (int i = 0; i < 100 && !listening.isRevoked("ymt:member:310000", "jti-announced-0001",
                    clock.instant()); i++) {
                Thread.sleep(50);
            }
            assertTrue(listening.isRevoked("ymt:member:310000", "jti-announced-0001", clock.instant()));
            assertFalse(listening.isRevoked("ymt:member:310000", "jti-announced-0001", until));
        } finally {
            ownConnection.closeAndAwait();
        }
    }

    @Test
    void anIssuerHasABoundedNumberOfLiveRevocations() {
        newList();
        PostgresRevocationList capped = new PostgresRevocationList(pool, clock, 3);
        Instant until = clock.instant().plusSeconds(300);
        for (int i = 0; i < 3; i++) {
            capped.revoke("ymt:member:320000", "jti-capped-000" + i, until);
        }

        ProblemException refused = assertThrows(ProblemException.class,
                () -> capped.revoke("ymt:member:320000", "jti-capped-0003", until));

        assertEquals(ProblemType.CONFLICT, refused.type());
        assertFalse(capped.isRevoked("ymt:member:320000", "jti-capped-0003", clock.instant()));
        assertEquals(3L, pool.query("select count(*) from token_revocation where issuer = 'ymt:member:320000'")
                .execute().await().indefinitely().iterator().next().getLong(0));
        // at the cap, one already listed may still be extended, and another issuer is not affected
        capped.revoke("ymt:member:320000", "jti-capped-0000", until.plusSeconds(60));
        capped.revoke("ymt:member:330000", "jti-capped-0003", until);
        assertTrue(capped.isRevoked("ymt:member:320000", "jti-capped-0000", until));
        assertTrue(capped.isRevoked("ymt:member:330000", "jti-capped-0003", clock.instant()));
    }
}

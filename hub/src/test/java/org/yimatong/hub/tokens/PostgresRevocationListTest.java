package org.yimatong.hub.tokens;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.tokens.revocation.RevocationList;
import org.yimatong.tokens.revocation.RevocationListContract;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** The PostgreSQL deny list keeps token-service's contract, and what one instance revokes another sees. */
@QuarkusTest
class PostgresRevocationListTest extends RevocationListContract {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Override
    protected RevocationList newList() {
        pool.query("delete from token_revocation")
                .execute().await().indefinitely();
        return new PostgresRevocationList(pool, clock);
    }

    @Test
    void anotherInstanceLoadsWhatThisOneRevoked() {
        Instant until = clock.instant().plusSeconds(300);
        new PostgresRevocationList(pool, clock).revoke("ymt:hub:yrd", "jti-shared", until);

        PostgresRevocationList other = new PostgresRevocationList(pool, clock);
        other.load().await().indefinitely();

        assertTrue(other.isRevoked("ymt:hub:yrd", "jti-shared", clock.instant()));
    }
}

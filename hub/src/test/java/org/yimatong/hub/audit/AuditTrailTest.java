package org.yimatong.hub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@QuarkusTest
class AuditTrailTest {

    private static final String ADMIN = "Bearer test-admin-token";

    @Inject
    AuditWriter writer;

    @Inject
    Pool pool;

    @Test
    void concurrentEventsAreAllCommittedInOneUnbrokenChain() {
        long before = count();

        List<Uni<Void>> appends = IntStream.range(0, 50).mapToObj(i -> writer.append(event("target-" + i))).toList();
        Uni.join().all(appends).andFailFast().await().indefinitely();

        assertEquals(before + 50, count());
        given().header("Authorization", ADMIN).when().get("/v1/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("eventsChecked", greaterThanOrEqualTo(50));
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        writer.append(event("immutable")).await().indefinitely();

        PgException update = assertThrows(PgException.class, () -> pool.query(
                "update audit_event set outcome = 'FORGED'").execute().await().indefinitely());
        PgException delete = assertThrows(PgException.class, () -> pool.query("delete from audit_event").execute()
                .await().indefinitely());
        assertTrue(update.getMessage().contains("append-only: UPDATE refused"), update.getMessage());
        assertTrue(delete.getMessage().contains("append-only: DELETE refused"), delete.getMessage());
    }

    @Test
    void anEventAlteredBehindTheTriggersBackIsNamedAsTheFirstBrokenLink() {
        writer.append(event("to-be-forged")).await().indefinitely();
        var row = pool.preparedQuery("select chain_id, seq, outcome from audit_event where target = $1")
                .execute(Tuple.of("to-be-forged")).await().indefinitely().iterator().next();
        String chain = row.getString("chain_id");
        long seq = row.getLong("seq");
        try {
            PastTheTriggers.setOutcome(pool, chain, seq, "FORGED");

            given().header("Authorization", ADMIN).when().get("/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenLink.chainId", equalTo(chain))
                    .body("firstBrokenLink.seq", equalTo((int) seq));
        } finally {
            PastTheTriggers.setOutcome(pool, chain, seq, row.getString("outcome"));
        }
        given().header("Authorization", ADMIN).when().get("/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void verifyingTheChainNeedsTheAdminToken() {
        given().when().get("/v1/audit/verify")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/unauthenticated"));
        given().header("Authorization", "Bearer wrong").when().get("/v1/audit/verify")
                .then().statusCode(401);
    }

    private long count() {
        return pool.query("select count(*) from audit_event").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    private static AuditEvent event(String target) {
        return new AuditEvent(Instant.now(), "ymt:member:310000", "ymt:member:320000", "checkpoint",
                org.yimatong.schemas.payload.AuditEvent.Action.VERIFICATION, target, "GREEN", 3);
    }
}

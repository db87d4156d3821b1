package org.yimatong.hub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.payload.AuditEvent.Action;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Signed checkpoints (REQ-AUD-2): a tail removed from a chain after a checkpoint covered it is found, even by
 * someone who could bypass the table's append-only triggers. The chain tampered with here is one of the test's
 * own, removed again afterwards, so the hub's own chain and the other tests are untouched.
 */
@QuarkusTest
class AuditCheckpointTest {

    private static final String CHAIN = "chain-checkpoint-test";

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditVerifier verifier;

    @Inject
    Pool pool;

    @Test
    void aTailDeletedAfterASignedCheckpointIsFound() {
        byte[] prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            AuditEvent event = new AuditEvent(Instant.now().truncatedTo(ChronoUnit.MICROS), "ymt:member:310000",
                    "ymt:member:320000", "checkpoint", Action.VERIFICATION, "jti-" + seq, "GREEN", 1);
            byte[] hash = AuditChain.link(prev, CHAIN, seq, event);
            pool.preparedQuery("insert into audit_event (chain_id, seq, at, actor, member, purpose, action, target,"
                    + " outcome, latency_ms, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                    .execute(Tuple.tuple(List.of(CHAIN, seq, event.at().atOffset(ZoneOffset.UTC), event.actor(),
                            event.member(), event.purpose(), event.action().name(), event.target(), event.outcome(),
                            event.latencyMs(), Buffer.buffer(prev), Buffer.buffer(hash))))
                    .await().indefinitely();
            prev = hash;
        }
        try {
            AuditCheckpoints.Checkpoint signed = checkpoints.sign().await().indefinitely();
            assertEquals(3, signed.heads().get(CHAIN).seq());
            assertTrue(verifier.verify().await().indefinitely().intact());

            PastTheTriggers.execute(pool, "delete from audit_event where chain_id = $1 and seq = 3", Tuple.of(CHAIN));

            AuditVerifier.Verdict verdict = verifier.verify().await().indefinitely();
            assertFalse(verdict.intact());
            assertEquals(CHAIN, verdict.firstBrokenLink().chainId());
            assertEquals(3, verdict.firstBrokenLink().seq());
            given().header("Authorization", TestMembers.ADMIN).when().get("/v1/audit/verify").then()
                    .statusCode(200).body("intact", equalTo(false));
        } finally {
            PastTheTriggers.execute(pool, "delete from audit_event where chain_id = $1", Tuple.of(CHAIN));
            checkpoints.sign().await().indefinitely();
        }
        assertTrue(verifier.verify().await().indefinitely().intact(), "intact again once a new checkpoint is signed");
    }
}

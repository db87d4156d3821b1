package org.yimatong.hub.lists.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.payload.BatchProgress;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An upload's progress lives in PostgreSQL: another instance sees a refusal as this one does, a refusal keeps a
 * bounded number of errors, an ingest cut off with its instance is reported as such, and a stored batch leaves
 * no progress row behind.
 */
@QuarkusTest
class BatchProgressTest {

    private static final String MEMBER = "ymt:member:511100";
    private static final LocalDate DAY = LocalDate.parse("2026-11-27");

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final List<ListEntry> good = List.of(entry(sub("pg1"), Colour.RED, "511101"));

    @BeforeEach
    void member() {
        TestMembers.register(MEMBER, "http://localhost:9/m5111", key, "5111");
    }

    @Test
    void aRefusalIsSeenFromAnotherInstanceWithItsErrorsBounded() {
        String body = "not json\n".repeat(150);

        ListBatches.upload(key, MEMBER, "many-bad", DAY, ListBatches.sign(key, MEMBER, "many-bad", DAY, good), body)
                .statusCode(422).body("errors", hasSize(150));

        progressOf("many-bad").statusCode(200)
                .body("state", equalTo("REFUSED"))
                .body("problem.type", equalTo("https://yimatong.org/problems/batch-invalid"))
                .body("problem.errors", hasSize(IngestProgress.MAX_KEPT_ERRORS))
                .body("problem.detail", containsString("the first 100 errors are kept"));
        BatchProgress elsewhere = new IngestProgress(pool, clock, mapper).find(MEMBER, "many-bad")
                .await().indefinitely().orElseThrow();
        assertEquals(BatchProgress.State.REFUSED, elsewhere.state());
        assertEquals(IngestProgress.MAX_KEPT_ERRORS, elsewhere.problem().errors().size());
    }

    @Test
    void anIngestCutOffWithItsInstanceIsReportedAsRefused() {
        pool.preparedQuery("insert into batch_progress (member, batch_tag, state, lines_read, received_at,"
                + " updated_at) values ($1, 'cut-off', 'VERIFYING', 5000, $2, $2)")
                .execute(Tuple.of(MEMBER, clock.instant().minus(IngestProgress.STALE_AFTER.multipliedBy(2))
                        .atOffset(ZoneOffset.UTC)))
                .await().indefinitely();

        progressOf("cut-off").statusCode(200)
                .body("state", equalTo("REFUSED"))
                .body("linesRead", equalTo(5000))
                .body("problem.detail", containsString("upload the batch again"));
    }

    @Test
    void aTagRefusedThenStoredIsAnsweredFromTheStoredBatchAlone() {
        ListBatches.upload(key, MEMBER, "second-try", DAY, ListBatches.sign(key, MEMBER, "second-try", DAY, good),
                "not json\n").statusCode(422);
        progressOf("second-try").body("state", equalTo("REFUSED"));

        ListBatches.upload(key, MEMBER, "second-try", DAY, good).statusCode(201);

        progressOf("second-try").statusCode(200).body("state", equalTo("STORED")).body("count", equalTo(1));
        assertEquals(0L, pool.preparedQuery("select count(*) from batch_progress where member = $1 and batch_tag = $2")
                .execute(Tuple.of(MEMBER, "second-try")).await().indefinitely().iterator().next().getLong(0));
    }

    private ValidatableResponse progressOf(String tag) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .when().get("/v1/lists/batches/" + tag).then();
    }
}

package org.yimatong.hub.lists.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class BatchRefusalTest {

    private static final String MEMBER = "ymt:member:510700";
    private static final String OTHER = "ymt:member:510800";
    private static final LocalDate DAY = LocalDate.parse("2026-11-27");

    @Inject
    Pool pool;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final Jwk otherKey = Jwk.generate(SignatureProfile.SM2);
    private final List<ListEntry> good = List.of(entry(sub("r1"), Colour.RED, "510701"),
            entry(sub("r2"), Colour.YELLOW, "510702"));

    @BeforeEach
    void members() {
        TestMembers.register(MEMBER, "http://localhost:9/m5107", key, "5107");
        TestMembers.register(OTHER, "http://localhost:9/m5108", otherKey, "5108");
    }

    @Test
    void everyBadLineIsNamedAndNothingIsStored() {
        String body = good.get(0).toJson().toString() + "\n"
                + entry(sub("r3"), Colour.RED, "510801").toJson().toString() + "\n"
                + good.get(1).toJson().toString().replace("2026-01-01T00:00:00Z", "2026-13-01T00:00:00Z") + "\n"
                + "not json\n"
                + good.get(1).toJson().toString().replace("\"YELLOW\"", "\"GREEN\"") + "\n";
        long[] before = rowCounts();

        ListBatches.upload(key, MEMBER, "bad-lines", DAY, ListBatches.sign(key, MEMBER, "bad-lines", DAY, good), body)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/batch-invalid"))
                .body("errors.pointer", containsInAnyOrder("/line/2/rgn", "/line/3/since", "/line/4", "/line/5/col"));

        assertEquals(before[0], rowCounts()[0]);
        assertEquals(before[1], rowCounts()[1]);
        assertEquals(before[2], rowCounts()[2]);
    }

    @Test
    void aDuplicatedSubIsNamedOnItsSecondLine() {
        List<ListEntry> entries = List.of(good.get(0), good.get(1), entry(sub("r1"), Colour.YELLOW, "510701"));
        long[] before = rowCounts();

        ListBatches.upload(key, MEMBER, "duplicate", DAY, ListBatches.sign(key, MEMBER, "duplicate", DAY, good),
                ListBatches.ndjson(entries))
                .statusCode(422)
                .body("errors.pointer", containsInAnyOrder("/line/3/sub"));

        assertEquals(before[0], rowCounts()[0]);
    }

    @Test
    void aTamperedLineBreaksTheSignature() {
        String signature = ListBatches.sign(key, MEMBER, "tampered", DAY, good);
        String tampered = ListBatches.ndjson(good).replace("\"RED\"", "\"YELLOW\"");
        long[] before = rowCounts();

        ListBatches.upload(key, MEMBER, "tampered", DAY, signature, tampered)
                .statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/signature-invalid"));

        assertEquals(before[0], rowCounts()[0]);
        assertEquals(before[2], rowCounts()[2]);
    }

    @Test
    void aSignatureByAnotherMembersKeyIsRefused() {
        String signature = ListBatches.sign(otherKey, MEMBER, "foreign-key", DAY, good);
        long[] before = rowCounts();

        ListBatches.upload(key, MEMBER, "foreign-key", DAY, signature, ListBatches.ndjson(good))
                .statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/unknown-key"));

        assertEquals(before[0], rowCounts()[0]);
        assertEquals(before[2], rowCounts()[2]);
    }

    @Test
    void aMemberCannotUploadAnotherMembersList() {
        io.restassured.RestAssured.given().header("Ymt-Client-Assertion", TestMembers.assertion(otherKey, OTHER))
                .header("Ymt-Batch-Signature", ListBatches.sign(key, MEMBER, "not-mine", DAY, good))
                .contentType("application/x-ndjson").body(ListBatches.ndjson(good).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))
                .queryParam("member", MEMBER).queryParam("batchTag", "not-mine").queryParam("day", DAY.toString())
                .when().post("/v1/lists/batches").then()
                .statusCode(403)
                .body("type", equalTo("https://yimatong.org/problems/forbidden"));
    }

    /** Entries, changes and batches stored. */
    private long[] rowCounts() {
        return pool.query("select (select count(*) from list_entry), (select count(*) from list_change),"
                + " (select count(*) from list_batch)").execute()
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new long[]{ row.getLong(0), row.getLong(1), row.getLong(2) };
                }).await().indefinitely();
    }

    @Test
    void aSmallGzipBodyThatInflatesPastTheLimitIsRefused413AndNothingIsStored() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 24; i++) { // 24 MiB of zeros: past the test profile's 16 MiB
                gzip.write(zeros);
            }
        }
        assertTrue(zipped.size() < 64 * 1024, "a small body: " + zipped.size() + " bytes");
        String signature = ListBatches.sign(key, MEMBER, "bomb-1", LocalDate.parse("2026-11-27"), List.of());

        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .header("Ymt-Batch-Signature", signature).header("Content-Encoding", "gzip")
                .contentType("application/x-ndjson")
                .queryParam("member", MEMBER).queryParam("batchTag", "bomb-1").queryParam("day", "2026-11-27")
                .body(zipped.toByteArray()).when().post("/v1/lists/batches")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/payload-too-large"));
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .when().get("/v1/lists/batches/bomb-1/provenance").then().statusCode(404);
    }

    @Test
    void aBatchOfMoreLinesThanTheLimitIsRefused413AndNothingIsStored() {
        long[] before = rowCounts();
        String tooMany = "x\n".repeat(40_001); // the test profile's ymt.lists.max-batch-lines is 40,000

        ListBatches.upload(key, MEMBER, "many-lines", DAY, ListBatches.sign(key, MEMBER, "many-lines", DAY, good),
                tooMany)
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/payload-too-large"))
                .body("detail", equalTo("A batch is limited to 40000 lines (ymt.lists.max-batch-lines)"));

        assertEquals(before[0], rowCounts()[0]);
        assertEquals(before[2], rowCounts()[2]);
    }
}

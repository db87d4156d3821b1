package org.yimatong.hub.lists;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.HmacSm3;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;

import io.restassured.response.ValidatableResponse;

/** Builds, signs and uploads list batches as a member would, and reads the feed back. */
public final class ListBatches {

    public static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");
    private static final byte[] TEST_LIST_KEY = "a test list key, never a real one".getBytes(StandardCharsets.UTF_8);

    private ListBatches() {
    }

    /** A pseudonymous subject for a test label (HMAC-SM3, as members derive them; never an ID number). */
    public static String sub(String label) {
        return HmacSm3.subjectId(TEST_LIST_KEY, label);
    }

    public static ListEntry entry(String sub, Colour col, String rgn) {
        return new ListEntry(sub, col, SINCE, FAR, "test-listing", rgn);
    }

    public static ListEntry entry(String sub, Colour col, String rgn, Instant until) {
        return new ListEntry(sub, col, SINCE, until, "test-listing", rgn);
    }

    public static String ndjson(List<ListEntry> entries) {
        return entries.stream().map(e -> e.toJson().toString()).collect(Collectors.joining("\n", "", "\n"));
    }

    public static String sign(Jwk key, String member, String tag, LocalDate day, List<ListEntry> entries) {
        BatchDigest algorithm = BatchDigest.forProfile(key.profile());
        BatchManifest manifest = new BatchManifest(member, tag, day, entries.size(),
                CanonicalBatch.digest(entries, algorithm));
        return BatchSignature.sign(manifest, key);
    }

    /** Signs {@code entries} with {@code key} and uploads them as {@code member}. */
    public static ValidatableResponse upload(Jwk key, String member, String tag, LocalDate day,
            List<ListEntry> entries) {
        return upload(key, member, tag, day, sign(key, member, tag, day, entries), ndjson(entries));
    }

    public static ValidatableResponse upload(Jwk authKey, String member, String tag, LocalDate day, String signature,
            String body) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(authKey, member))
                .header("Ymt-Batch-Signature", signature)
                .contentType("application/x-ndjson")
                .queryParam("member", member).queryParam("batchTag", tag).queryParam("day", day.toString())
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/lists/batches").then();
    }

    /** One change as the feed shows it (the fields tests look at). */
    public record Change(long seq, String op, String sub, String col, String member) {
        static Change of(Map<String, Object> json) {
            return new Change(((Number) json.get("seq")).longValue(), (String) json.get("op"),
                    (String) json.get("sub"), (String) json.get("col"), (String) json.get("member"));
        }

        /** {@code op sub col}, for comparing against an expected set. */
        public String summary() {
            return op + " " + sub + (col == null ? "" : " " + col);
        }
    }

    public record Page(List<Change> changes, String next, boolean hasMore) {}

    /** The cursor at the current end of the feed. */
    public static String endOfFeed(Jwk key, String member) {
        String cursor = null;
        while (true) {
            Page page = page(key, member, cursor, 10_000);
            cursor = page.next();
            if (!page.hasMore()) {
                return cursor;
            }
        }
    }

    public static Page page(Jwk key, String member, String after, int limit) {
        var request = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, member))
                .queryParam("limit", limit);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        var json = request.when().get("/v1/lists/changes").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> changes = json.getList("changes");
        return new Page(changes.stream().map(Change::of).toList(), json.getString("next"), json.getBoolean("hasMore"));
    }

    /** Every change after {@code after} uploaded by {@code uploader}. */
    public static List<Change> changesOf(Jwk key, String member, String after, String uploader) {
        List<Change> changes = new ArrayList<>();
        String cursor = after;
        while (true) {
            Page page = page(key, member, cursor, 1000);
            page.changes().stream().filter(c -> uploader.equals(c.member())).forEach(changes::add);
            cursor = page.next();
            if (!page.hasMore()) {
                return changes;
            }
        }
    }

    /** The snapshot's lines, gunzipped. */
    public static List<String> snapshot(Jwk key, String member) {
        byte[] body = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, member))
                .config(io.restassured.config.RestAssuredConfig.config().decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                .when().get("/v1/lists/snapshot").then().statusCode(200)
                .header("Content-Encoding", "gzip").extract().asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

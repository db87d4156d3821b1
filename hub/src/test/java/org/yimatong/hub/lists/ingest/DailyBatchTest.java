package org.yimatong.hub.lists.ingest;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.lists.ListBatches.Change;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DailyBatchTest {

    private static final LocalDate DAY_1 = LocalDate.parse("2026-11-26");
    private static final LocalDate DAY_2 = LocalDate.parse("2026-11-27");

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    /** Registers {@code member} serving {@code prefix} and stores day 1 {a RED, b YELLOW}; returns the feed position before it. */
    private String dayOne(String member, String prefix) {
        TestMembers.register(member, "http://localhost:9/m" + prefix, key, prefix);
        String before = ListBatches.endOfFeed(key, member);
        ListBatches.upload(key, member, "d1", DAY_1, List.of(
                entry(sub(member + "a"), Colour.RED, prefix + "01"),
                entry(sub(member + "b"), Colour.YELLOW, prefix + "01")))
                .statusCode(201).body("added", equalTo(2)).body("removed", equalTo(0));
        return before;
    }

    private List<ListEntry> dayTwo(String member, String prefix) {
        return List.of(entry(sub(member + "a"), Colour.YELLOW, prefix + "02"),
                entry(sub(member + "c"), Colour.RED, prefix + "02"));
    }

    @Test
    void dayTwoRecordsExactlyAChangeARemovalAndAnAddition() {
        String member = "ymt:member:510100";
        dayOne(member, "5101");
        String afterDayOne = ListBatches.endOfFeed(key, member);

        ListBatches.upload(key, member, "d2", DAY_2, dayTwo(member, "5101"))
                .statusCode(201)
                .header("Location", endsWith("/v1/lists/batches/d2"))
                .body("count", equalTo(2)).body("added", equalTo(1)).body("changed", equalTo(1))
                .body("removed", equalTo(1)).body("unchanged", equalTo(0));

        Set<String> changes = ListBatches.changesOf(key, member, afterDayOne, member).stream()
                .map(Change::summary).collect(Collectors.toSet());
        assertEquals(Set.of("CHANGED " + sub(member + "a") + " YELLOW", "REMOVED " + sub(member + "b"),
                "ADDED " + sub(member + "c") + " RED"), changes);
    }

    @Test
    void theSnapshotIsTheMergedState() {
        String member = "ymt:member:510200";
        dayOne(member, "5102");
        ListBatches.upload(key, member, "d2", DAY_2, dayTwo(member, "5102")).statusCode(201);

        Set<String> mine = Set.of(sub(member + "a"), sub(member + "b"), sub(member + "c"));
        List<String> lines = ListBatches.snapshot(key, member).stream()
                .filter(line -> mine.stream().anyMatch(line::contains)).toList();
        assertEquals(dayTwo(member, "5102").stream().map(e -> e.toJson().toString()).sorted().toList(),
                lines.stream().sorted().toList());
    }

    @Test
    void uploadingTheSameBatchAgainAddsNothing() {
        String member = "ymt:member:510300";
        dayOne(member, "5103");
        ListBatches.upload(key, member, "d2", DAY_2, dayTwo(member, "5103")).statusCode(201);
        String afterDayTwo = ListBatches.endOfFeed(key, member);

        ListBatches.upload(key, member, "d2", DAY_2, dayTwo(member, "5103"))
                .statusCode(200).body("replay", equalTo(true)).body("added", equalTo(1));

        assertEquals(List.of(), ListBatches.changesOf(key, member, afterDayTwo, member));
    }

    @Test
    void aStoredBatchReportsItsStateAndCounts() {
        String member = "ymt:member:510400";
        TestMembers.register(member, "http://localhost:9/m5104", key, "5104");
        ListBatches.upload(key, member, "progress-1", DAY_2, List.of(entry(sub("p1"), Colour.RED, "510401")))
                .statusCode(201);

        io.restassured.RestAssured.given().header("Ymt-Client-Assertion", TestMembers.assertion(key, member))
                .when().get("/v1/lists/batches/progress-1").then().statusCode(200)
                .body("state", equalTo("STORED")).body("count", equalTo(1)).body("receipt.batchTag", equalTo(
                        "progress-1"));
    }
}

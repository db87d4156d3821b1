package org.yimatong.hub.lists.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.lists.ListBatches.Change;
import org.yimatong.hub.lists.ListBatches.Page;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ChangeFeedPagingTest {

    private static final String LARGE = "ymt:member:520100";
    private static final String SMALL = "ymt:member:520200";

    @Inject
    Pool pool;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void pagingWhileBatchesAreIngestedNeverSkipsNorRepeatsAChange() throws Exception {
        TestMembers.register(LARGE, "http://localhost:9/m5201", key, "5201");
        TestMembers.register(SMALL, "http://localhost:9/m5202", key, "5202");
        String start = ListBatches.endOfFeed(key, LARGE);
        long startSeq = ChangeCursor.decode(start);
        List<ListEntry> large = IntStream.range(0, 30_000)
                .mapToObj(i -> entry(sub("large-" + i), i % 2 == 0 ? Colour.RED : Colour.YELLOW, "520101")).toList();

        CompletableFuture<Void> ingests = CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> ListBatches.upload(key, LARGE, "large", LocalDate.parse("2026-11-27"),
                        large).statusCode(201)),
                CompletableFuture.runAsync(() -> {
                    for (int day = 1; day <= 20; day++) {
                        List<ListEntry> small = IntStream.range(0, day * 10)
                                .mapToObj(i -> entry(sub("small-" + i), Colour.RED, "520201")).toList();
                        ListBatches.upload(key, SMALL, "small-" + day, LocalDate.of(2026, 11, day), small)
                                .statusCode(201);
                    }
                }));

        List<Long> seen = new ArrayList<>();
        String cursor = start;
        boolean finished = false;
        while (true) {
            Page page = ListBatches.page(key, LARGE, cursor, 700);
            page.changes().stream().map(Change::seq).forEach(seen::add);
            cursor = page.next();
            if (finished && !page.hasMore()) {
                break;
            }
            finished = ingests.isDone();
        }
        ingests.get();

        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "the feed went back or repeated at " + seen.get(i));
        }
        assertEquals(committedAfter(startSeq), seen);
        assertEquals(30_000 + 200, seen.size(), "every added entry of both members appears once");
    }

    private List<Long> committedAfter(long seq) {
        return pool.preparedQuery("select seq from list_change where seq > $1 order by seq").execute(Tuple.of(seq))
                .map(rows -> {
                    List<Long> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(row.getLong(0));
                    }
                    return all;
                }).await().indefinitely();
    }
}

package org.yimatong.hub.lists.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ListRetentionTest {

    private static final String MEMBER = "ymt:member:520500";

    @Inject
    Pool pool;

    @Inject
    ListRetention retention;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void purgeRemovesWhatExpiredAndNothingElse() throws Exception {
        TestMembers.register(MEMBER, "http://localhost:9/m5205", key, "5205");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String expired = sub("expired");
        String inGrace = sub("in-grace");
        String current = sub("current");
        ListBatches.upload(key, MEMBER, "ret-1", LocalDate.parse("2026-11-27"), List.of(
                entry(expired, Colour.RED, "520501", now.minus(Duration.ofDays(2))),
                entry(inGrace, Colour.YELLOW, "520501", now.minus(Duration.ofHours(12))),
                entry(current, Colour.RED, "520501"))).statusCode(201);
        // the batch and its changes were recorded 40 days ago, so they are past retention
        execute("update list_change set recorded_at = recorded_at - interval '40 days' where member = $1");
        execute("update list_batch set stored_at = stored_at - interval '40 days' where member = $1");
        long othersBefore = count("select count(*) from list_entry where member <> $1")
                + count("select count(*) from list_change where member <> $1")
                + count("select count(*) from list_batch where member <> $1");

        ListRetention.Purged purged = retention.purge(now).orElseThrow();

        assertEquals(new TreeSet<>(Set.of(inGrace, current)), subs("select sub from list_entry where member = $1"));
        assertEquals(new TreeSet<>(Set.of("REMOVED " + expired)),
                subs("select op || ' ' || sub from list_change where member = $1"));
        assertEquals(0, count("select count(*) from list_batch where member = $1"));
        assertEquals(othersBefore, count("select count(*) from list_entry where member <> $1")
                + count("select count(*) from list_change where member <> $1")
                + count("select count(*) from list_batch where member <> $1"));
        assertEquals(1, purged.entries());
        assertEquals(3, purged.changes());
        assertEquals(1, purged.batches());
    }

    private void execute(String sql) {
        pool.preparedQuery(sql).execute(Tuple.of(MEMBER)).await().indefinitely();
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(MEMBER)).await().indefinitely().iterator().next().getLong(0);
    }

    private Set<String> subs(String sql) {
        Set<String> all = new TreeSet<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(MEMBER)).await().indefinitely()) {
            all.add(row.getString(0));
        }
        return all;
    }
}

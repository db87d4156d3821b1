package org.yimatong.hub.lists;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The in-memory filter of listed subjects never says "not listed" for a listed one: on the instance that stored
 * a batch, as soon as the upload is answered; on another instance on the same database, once it has followed the
 * change sequence.
 */
@QuarkusTest
class ListedSubjectsTest {

    private static final String MEMBER = "ymt:member:511300";
    private static final String OTHER_MEMBER = "ymt:member:511400";
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    @Inject
    ListedSubjects listed;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void aListedSubjectIsMaybeOnThisInstanceAsSoonAsItsBatchIsStored() {
        TestMembers.register(MEMBER, "http://localhost:9/m5113", key, "5113");

        ListBatches.upload(key, MEMBER, "filtered-1", DAY, List.of(entry(sub("filtered-a"), Colour.RED, "511301")))
                .statusCode(201);

        assertTrue(listed.mayBeListed(sub("filtered-a")));
    }

    @Test
    void anotherInstanceFollowsTheChangesAndStillRulesOutTheUnlisted() throws InterruptedException {
        TestMembers.register(OTHER_MEMBER, "http://localhost:9/m5114", key, "5114");
        ListBatches.upload(key, OTHER_MEMBER, "filtered-2", DAY, List.of(entry(sub("filtered-c"), Colour.RED,
                "511401"))).statusCode(201);
        ListedSubjects other = new ListedSubjects(pool, vertx, Duration.ofMillis(50));
        other.onStart(null);
        try {
            ListBatches.upload(key, OTHER_MEMBER, "filtered-3", DAY.plusDays(1), List.of(entry(sub("filtered-c"),
                    Colour.RED, "511401"), entry(sub("filtered-d"), Colour.YELLOW, "511402"))).statusCode(201);

            for (int i = 0; i < 100 && !other.mayBeListed(sub("filtered-d")); i++) {
                Thread.sleep(20);
            }
            assertTrue(other.mayBeListed(sub("filtered-c")), "in the filter built at start");
            assertTrue(other.mayBeListed(sub("filtered-d")), "followed from the change sequence");
            long ruledOut = IntStream.range(0, 50).filter(i -> !other.mayBeListed(sub("never-listed-" + i))).count();
            assertTrue(ruledOut >= 40, ruledOut + " of 50 unlisted subjects ruled out");
        } finally {
            other.stop();
        }
    }
}

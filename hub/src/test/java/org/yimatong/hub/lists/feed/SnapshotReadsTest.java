package org.yimatong.hub.lists.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.vertx.core.Vertx;

/** Snapshot downloads are limited in number and in time, and a place comes back when one ends or is cut off. */
class SnapshotReadsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void beyondTheLimitADownloadIsRefusedUntilOneEnds() {
        SnapshotReads reads = new SnapshotReads(2, Duration.ofMinutes(15), vertx);
        SnapshotReads.Read first = reads.start(() -> {
        });
        reads.start(() -> {
        });

        ProblemException refused = assertThrows(ProblemException.class, () -> reads.start(() -> {
        }));
        assertEquals(ProblemType.OVERLOADED, refused.type());

        first.close();
        first.close(); // once only
        reads.start(() -> {
        });
        assertThrows(ProblemException.class, () -> reads.start(() -> {
        }));
    }

    @Test
    void aDownloadPastItsDeadlineIsCutOffAndItsPlaceGivenBack() throws InterruptedException {
        SnapshotReads reads = new SnapshotReads(1, Duration.ofMillis(50), vertx);
        CountDownLatch cutOff = new CountDownLatch(1);
        reads.start(cutOff::countDown);

        assertTrue(cutOff.await(5, TimeUnit.SECONDS), "cut off at the deadline");
        for (int i = 0; i < 100; i++) {
            try {
                reads.start(() -> {
                });
                return;
            } catch (ProblemException stillTaken) {
                Thread.sleep(10); // the place is given back right after the cut-off, on the timer's thread
            }
        }
        throw new AssertionError("the place of the download cut off was not given back");
    }
}

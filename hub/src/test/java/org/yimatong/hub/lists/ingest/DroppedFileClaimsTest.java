package org.yimatong.hub.lists.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two instances watching one drop folder, each with its own claims object on the shared database: the first to
 * claim a file takes it, the second is refused it, and a claim given up (a failed read) lets the file be taken again.
 */
@QuarkusTest
class DroppedFileClaimsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void onlyTheFirstInstanceToClaimAFileTakesIt() {
        DroppedFileClaims first = new DroppedFileClaims(dataSource);
        DroppedFileClaims second = new DroppedFileClaims(dataSource);
        String key = "ymt:member:310000/2026-12-07.ndjson-1234-" + System.nanoTime();

        assertTrue(first.add(key));
        assertFalse(second.add(key), "the second instance leaves a claimed file alone");
        assertTrue(second.contains(key));

        assertTrue(first.remove(key), "a failed read gives the claim up");
        assertTrue(second.add(key), "and the file can be taken again");
    }
}

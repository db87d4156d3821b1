package org.yimatong.hub.lists.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two instances watching one drop folder, each with its own claims object on the shared database: the first to
 * claim a file takes it, the second is refused it, a claim given up (a failed read) lets the file be taken again,
 * and so does a claim that lapsed because the instance holding it died mid-read.
 */
@QuarkusTest
class DroppedFileClaimsTest {

    private static final Duration CLAIM = Duration.ofMinutes(30);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void onlyTheFirstInstanceToClaimAFileTakesIt() {
        DroppedFileClaims first = new DroppedFileClaims(dataSource, CLAIM);
        DroppedFileClaims second = new DroppedFileClaims(dataSource, CLAIM);
        String key = "ymt:member:310000/2026-12-07.ndjson-1234-" + System.nanoTime();

        assertTrue(first.add(key));
        assertFalse(second.add(key), "the second instance leaves a claimed file alone");
        assertTrue(second.contains(key));

        assertTrue(first.remove(key), "a failed read gives the claim up");
        assertTrue(second.add(key), "and the file can be taken again");
    }

    @Test
    void aFileWhoseInstanceDiedIsTakenByAnotherOnceTheClaimLapses() throws SQLException {
        DroppedFileClaims dead = new DroppedFileClaims(dataSource, CLAIM);
        DroppedFileClaims survivor = new DroppedFileClaims(dataSource, CLAIM);
        String key = "ymt:member:310000/2026-12-08.ndjson-99-" + System.nanoTime();
        assertTrue(dead.add(key));

        claimedAgo(key, CLAIM.minusMinutes(1));
        assertFalse(survivor.add(key), "a claim within its time is still its instance's");

        claimedAgo(key, CLAIM.plusMinutes(1));
        assertFalse(survivor.contains(key), "a lapsed claim holds no file");
        assertTrue(survivor.add(key), "the survivor takes the file its dead holder left in the inbox");
        assertFalse(dead.add(key), "and holds it now: nobody else takes it");
        assertEquals(1, claims(key));
    }

    /** Moves a claim back in time, as if its instance had taken the file {@code ago} and then gone silent. */
    private void claimedAgo(String key, Duration ago) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update dropped_file_claim set claimed_at = now() - make_interval(secs => ?) where file_key = ?")) {
            ps.setDouble(1, ago.toSeconds());
            ps.setString(2, key);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private int claims(String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from dropped_file_claim where file_key = ?")) {
            ps.setString(1, key);
            var rows = ps.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }
}

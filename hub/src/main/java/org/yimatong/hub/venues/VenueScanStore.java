package org.yimatong.hub.venues;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The venue scans this hub owes the venues' platforms ({@code venue_scan}): stored once per reporting platform and
 * scan id, claimed for delivery by one instance at a time, and stripped of the visitor's pseudonym once delivered or
 * refused for good.
 */
@ApplicationScoped
class VenueScanStore {

    private final Pool pool;

    VenueScanStore(Pool pool) {
        this.pool = pool;
    }

    /** A scan to deliver to {@code venueMember}, claimed by this instance until {@code claimUntil}. */
    record Owed(String venueMember, VenueScanRecord record, int attempts) {}

    /** Stores the scan, claimed until {@code claimUntil}; false when it was stored before (a report repeated). */
    Uni<Boolean> insert(String venueMember, VenueScanRecord scan, Instant receivedAt, Instant claimUntil) {
        return pool.preparedQuery("insert into venue_scan (reported_by, scan_id, venue_member, vid, subject, at,"
                + " direction, received_at, attempts, next_attempt_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)"
                + " on conflict (reported_by, scan_id) do nothing")
                .execute(Tuple.tuple(List.of(scan.reportedBy(), scan.scanId(), venueMember, scan.vid(), scan.subject(),
                        at(scan.at()), scan.direction().name(), at(receivedAt), at(claimUntil))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Claims up to {@code limit} undelivered scans whose next attempt is due. */
    Uni<List<Owed>> claimDue(Instant now, Instant claimUntil, int limit) {
        return pool.preparedQuery("update venue_scan v set next_attempt_at = $2, attempts = v.attempts + 1 from"
                + " (select reported_by, scan_id from venue_scan where delivered_at is null and next_attempt_at <= $1"
                + " order by next_attempt_at limit $3 for update skip locked) due"
                + " where v.reported_by = due.reported_by and v.scan_id = due.scan_id returning v.*")
                .execute(Tuple.of(at(now), at(claimUntil), limit))
                .map(rows -> {
                    List<Owed> owed = new ArrayList<>();
                    for (Row row : rows) {
                        owed.add(new Owed(row.getString("venue_member"), new VenueScanRecord(row.getString("scan_id"),
                                row.getString("vid"), row.getString("subject"), row.getOffsetDateTime("at")
                                        .toInstant(), ScanDirection.valueOf(row.getString("direction")),
                                row.getString("reported_by")), row.getInteger("attempts")));
                    }
                    return owed;
                });
    }

    /** The platform took it: nothing more to send, and the visitor's pseudonym is no longer the hub's to keep. */
    Uni<Void> delivered(VenueScanRecord scan, Instant at) {
        return pool.preparedQuery("update venue_scan set delivered_at = $3, next_attempt_at = null, subject = null"
                + " where reported_by = $1 and scan_id = $2")
                .execute(Tuple.of(scan.reportedBy(), scan.scanId(), at(at))).replaceWithVoid();
    }

    /** The platform refused it for good: never sent again, and the pseudonym dropped; the row stays for operators. */
    Uni<Void> refused(VenueScanRecord scan, Instant at) {
        return pool.preparedQuery("update venue_scan set refused_at = $3, next_attempt_at = null, subject = null"
                + " where reported_by = $1 and scan_id = $2")
                .execute(Tuple.of(scan.reportedBy(), scan.scanId(), at(at))).replaceWithVoid();
    }

    Uni<Void> retryAt(VenueScanRecord scan, Instant next) {
        return pool.preparedQuery("update venue_scan set next_attempt_at = $3 where reported_by = $1 and scan_id = $2"
                + " and delivered_at is null")
                .execute(Tuple.of(scan.reportedBy(), scan.scanId(), at(next))).replaceWithVoid();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

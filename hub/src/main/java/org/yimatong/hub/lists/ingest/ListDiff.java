package org.yimatong.hub.lists.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The second half of an ingest: the staged batch against the member's current list of the same epoch, set-based.
 * The change rows (ADDED, CHANGED, REMOVED) are appended first, then the entries replaced. The caller holds the
 * feed lock ({@code ListLocks.FEED}), so the change sequence commits gap-free.
 */
final class ListDiff {

    // A batch is the member's whole list of one epoch: it replaces that epoch's entries and leaves the other
    // epoch's alone (next month's list is uploaded beside this month's). A pseudonym names one epoch only, so an
    // entry is found by (member, sub) whatever its epoch; a relabelled one counts as CHANGED.
    private static final String CHANGE_COLUMNS = "insert into list_change (op, member, sub, rgn, col, since, until,"
            + " reason, batch_tag, recorded_at, via, epoch) ";
    private static final String ADDED = CHANGE_COLUMNS
            + "select 'ADDED', ?, s.sub, s.rgn, s.col, s.since, s.until, s.reason, ?, ?, ?, ? from list_staging s"
            + " where not exists (select 1 from list_entry e where e.member = ? and e.sub = s.sub)";
    private static final String CHANGED = CHANGE_COLUMNS
            + "select 'CHANGED', ?, s.sub, s.rgn, s.col, s.since, s.until, s.reason, ?, ?, ?, ? from list_staging s"
            + " join list_entry e on e.member = ? and e.sub = s.sub"
            + " where (e.col, e.since, e.until, e.reason, e.rgn, e.epoch)"
            + " is distinct from (s.col, s.since, s.until, s.reason, s.rgn, ?)";
    private static final String REMOVED = CHANGE_COLUMNS
            + "select 'REMOVED', ?, e.sub, e.rgn, null::text, null::timestamptz, null::timestamptz, null::text, ?, ?, ?,"
            + " ? from list_entry e where e.member = ? and e.epoch = ?"
            + " and not exists (select 1 from list_staging s where s.sub = e.sub)";
    private static final String DELETE_REMOVED = "delete from list_entry e where e.member = ? and e.epoch = ?"
            + " and not exists (select 1 from list_staging s where s.sub = e.sub)";
    // New subjects are appended in sub order (a sorted build of the primary key), changed ones updated in place.
    private static final String INSERT_NEW = "insert into list_entry (member, sub, col, since, until, reason, rgn,"
            + " epoch) select ?, s.sub, s.col, s.since, s.until, s.reason, s.rgn, ? from list_staging s"
            + " where not exists (select 1 from list_entry e where e.member = ? and e.sub = s.sub) order by s.sub";
    private static final String UPDATE_CHANGED = "update list_entry e set col = s.col, since = s.since,"
            + " until = s.until, reason = s.reason, rgn = s.rgn, epoch = ? from list_staging s where e.member = ?"
            + " and e.sub = s.sub and (e.col, e.since, e.until, e.reason, e.rgn, e.epoch)"
            + " is distinct from (s.col, s.since, s.until, s.reason, s.rgn, ?)";

    /** What one batch changed, and the change rows it appended ({@code fromSeq..toSeq}, empty when none). */
    record Diff(long added, long changed, long removed, long fromSeq, long toSeq) {}

    private ListDiff() {
    }

    static Diff apply(Connection connection, String owner, String tag, Instant now, String via, String epoch)
            throws SQLException {
        long before = maxSeq(connection);
        Change change = new Change(owner, tag, now, via, epoch);
        long added = change.append(connection, ADDED, owner);
        long changed = change.append(connection, CHANGED, owner, epoch);
        long removed = change.append(connection, REMOVED, owner, epoch);
        long after = maxSeq(connection);
        update(connection, DELETE_REMOVED, owner, epoch);
        update(connection, UPDATE_CHANGED, epoch, owner, epoch);
        update(connection, INSERT_NEW, owner, epoch, owner);
        return new Diff(added, changed, removed, before + 1, after);
    }

    private static long maxSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(max(seq), 0) from list_change")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The columns every change row of one batch shares; {@link #append} binds them, then the query's own. */
    private record Change(String member, String tag, Instant now, String via, String epoch) {
        long append(Connection connection, String sql, String... more) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, member);
                ps.setString(2, tag);
                ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(4, via);
                ps.setString(5, epoch);
                for (int i = 0; i < more.length; i++) {
                    ps.setString(6 + i, more[i]);
                }
                return ps.executeLargeUpdate();
            }
        }
    }

    private static void update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeLargeUpdate();
        }
    }
}

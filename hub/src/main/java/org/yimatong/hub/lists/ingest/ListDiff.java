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
 * One full join of the two finds every difference ({@code list_delta}: ADDED, CHANGED, REMOVED); the change rows
 * are appended from it and the entries replaced from it, so a steady day (1 % changed) reads the member's list
 * once and writes only what changed. The caller holds the feed lock ({@code ListLocks.FEED}), so the change
 * sequence commits gap-free.
 */
final class ListDiff {

    // A batch is the member's whole list of one epoch: it replaces that epoch's entries and leaves the other
    // epoch's alone (next month's list is uploaded beside this month's). A pseudonym names one epoch only, so an
    // entry is found by (member, sub) whatever its epoch; a relabelled one counts as CHANGED.
    private static final String DELTA_TABLE = "create temp table list_delta (op text not null,"
            + " sub text collate \"C\" not null, rgn text not null, col text, since timestamptz, until timestamptz,"
            + " reason text) on commit drop";
    private static final String DELTA = "insert into list_delta"
            + " select op, sub, rgn, col, since, until, reason from ("
            + "  select case when e.sub is null then 'ADDED' when s.sub is null then 'REMOVED' else 'CHANGED' end op,"
            + "   coalesce(s.sub, e.sub) sub, coalesce(s.rgn, e.rgn) rgn, s.col, s.since, s.until, s.reason,"
            + "   e.epoch old_epoch, (e.col, e.since, e.until, e.reason, e.rgn, e.epoch)"
            + "    is distinct from (s.col, s.since, s.until, s.reason, s.rgn, ?) differs"
            + "  from list_staging s full join (select sub, col, since, until, reason, rgn, epoch from list_entry"
            + "   where member = ?) e on e.sub = s.sub) d"
            + " where op = 'ADDED' or (op = 'CHANGED' and differs) or (op = 'REMOVED' and old_epoch = ?)";
    // A member's first list is all new: its delta is the staging table itself, not a copy of it.
    private static final String FIRST_LIST = "(select 'ADDED' op, sub, rgn, col, since, until, reason"
            + " from list_staging) list_delta";
    private static final String HAS_ENTRIES = "select exists (select 1 from list_entry where member = ?)";
    private static final String CHANGES = "insert into list_change (op, member, sub, rgn, col, since, until, reason,"
            + " batch_tag, recorded_at, via, epoch) select op, ?, sub, rgn, col, since, until, reason, ?, ?, ?, ?"
            + " from %s"; // a batch names each subject once: the order of its change rows carries nothing
    private static final String DELETE_REMOVED = "delete from list_entry e using list_delta d where e.member = ?"
            + " and d.op = 'REMOVED' and e.sub = d.sub";
    private static final String UPDATE_CHANGED = "update list_entry e set col = d.col, since = d.since,"
            + " until = d.until, reason = d.reason, rgn = d.rgn, epoch = ? from list_delta d where e.member = ?"
            + " and d.op = 'CHANGED' and e.sub = d.sub";
    // New subjects are appended in sub order (a sorted build of the primary key), changed ones updated in place.
    private static final String INSERT_NEW = "insert into list_entry (member, sub, col, since, until, reason, rgn,"
            + " epoch) select ?, sub, col, since, until, reason, rgn, ? from %s where op = 'ADDED' order by sub";
    private static final String COUNTS = "select count(*) filter (where op = 'ADDED'),"
            + " count(*) filter (where op = 'CHANGED'), count(*) filter (where op = 'REMOVED') from list_delta";

    /** What one batch changed, and the change rows it appended ({@code fromSeq..toSeq}, empty when none). */
    record Diff(long added, long changed, long removed, long fromSeq, long toSeq) {}

    private ListDiff() {
    }

    /** Applies the {@code staged} entries of {@code list_staging} to {@code owner}'s list of {@code epoch}. */
    static Diff apply(Connection connection, String owner, String tag, Instant now, String via, String epoch,
            long staged) throws SQLException {
        boolean first = !hasEntries(connection, owner);
        String delta = first ? FIRST_LIST : "list_delta";
        // a first list adds every staged entry; otherwise the delta says what changed
        long[] counts = { staged, 0, 0 };
        if (!first) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(DELTA_TABLE);
            }
            update(connection, DELTA, epoch, owner, epoch);
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(COUNTS)) {
                rs.next();
                for (int i = 0; i < 3; i++) {
                    counts[i] = rs.getLong(i + 1);
                }
            }
        }
        long before = maxSeq(connection);
        try (PreparedStatement ps = connection.prepareStatement(CHANGES.formatted(delta))) {
            ps.setString(1, owner);
            ps.setString(2, tag);
            ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(4, via);
            ps.setString(5, epoch);
            ps.executeLargeUpdate();
        }
        long after = maxSeq(connection);
        if (!first) {
            update(connection, DELETE_REMOVED, owner);
            update(connection, UPDATE_CHANGED, epoch, owner);
        }
        update(connection, INSERT_NEW.formatted(delta), owner, epoch);
        return new Diff(counts[0], counts[1], counts[2], before + 1, after);
    }

    private static boolean hasEntries(Connection connection, String member) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HAS_ENTRIES)) {
            ps.setString(1, member);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long maxSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(max(seq), 0) from list_change")) {
            rs.next();
            return rs.getLong(1);
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

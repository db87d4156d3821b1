package org.yimatong.hub.lists.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.yimatong.hub.lists.CallbackDebt;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ListsConfig;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Retention (REQ-LIST-10): an entry leaves the list at {@code until} plus the grace period, recorded as a
 * REMOVED change so the feed and the snapshot agree; change rows and batches go after the retention period.
 * Runs under {@link ListLocks#RETENTION} (a try-lock: a second instance skips) and appends under the feed lock.
 */
@ApplicationScoped
public class ListRetention {

    private static final Logger LOG = Logger.getLogger(ListRetention.class);

    /** What one purge removed. */
    public record Purged(long entries, long changes, long batches) {}

    private final AgroalDataSource dataSource;
    private final ListsConfig config;
    private final Clock clock;
    private final Event<ListChangesRecorded> recorded;
    private final CallbackDebt callbacks;

    public ListRetention(AgroalDataSource dataSource, ListsConfig config, Clock clock,
            Event<ListChangesRecorded> recorded, CallbackDebt callbacks) {
        this.callbacks = callbacks;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.recorded = recorded;
    }

    @Scheduled(identity = "list-retention", cron = "{ymt.lists.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        purge(clock.instant()).ifPresentOrElse(
                p -> LOG.infof("List retention: %d entries expired, %d changes and %d batches purged", p.entries(),
                        p.changes(), p.batches()),
                () -> LOG.info("List retention skipped: another hub instance is purging"));
    }

    /** Purges as of {@code now}; empty if another instance holds the retention lock. */
    public Optional<Purged> purge(Instant now) throws SQLException {
        OffsetDateTime entryCutoff = now.minus(config.entryGrace()).atOffset(ZoneOffset.UTC);
        OffsetDateTime changeCutoff = now.minus(config.changeRetention()).atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!ListLocks.tryLock(connection, ListLocks.RETENTION)) {
                    connection.rollback();
                    return Optional.empty();
                }
                ListLocks.lock(connection, ListLocks.FEED);
                long before = scalar(connection, "select coalesce(max(seq), 0) from list_change");
                long entries = update(connection, "insert into list_change (op, member, sub, rgn, col, since,"
                        + " until, reason, batch_tag, recorded_at, epoch) select 'REMOVED', member, sub, rgn, null::text,"
                        + " null::timestamptz, null::timestamptz, null::text, null::text, ?, epoch from list_entry"
                        + " where until < ? order by sub",
                        now.atOffset(ZoneOffset.UTC), entryCutoff);
                update(connection, "delete from list_entry where until < ?", entryCutoff);
                // an epoch whose key is no longer handed out retires whole, without REMOVED rows: its pseudonyms
                // mean nothing any more, and every reader drops them with the key (REQ-LIST-11)
                update(connection, "delete from list_entry where epoch < ?",
                        YearMonth.from(now.atOffset(ZoneOffset.UTC)).minusMonths(1).toString());
                long after = scalar(connection, "select coalesce(max(seq), 0) from list_change");
                long purgedSeq;
                try (PreparedStatement ps = connection.prepareStatement(
                        "select coalesce(max(seq), 0) from list_change where recorded_at < ?")) {
                    ps.setObject(1, changeCutoff);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        purgedSeq = rs.getLong(1);
                    }
                }
                long changes = 0;
                if (purgedSeq > 0) {
                    changes = update(connection, "delete from list_change where recorded_at < ?", changeCutoff);
                    update(connection, "update list_feed_state set purged_through = greatest(purged_through, ?)",
                            purgedSeq);
                }
                long batches = update(connection, "delete from list_batch where stored_at < ?", changeCutoff);
                callbacks.owe(connection, before + 1, after);
                connection.commit();
                if (after > before) {
                    recorded.fire(new ListChangesRecorded(before + 1, after));
                }
                return Optional.of(new Purged(entries, changes, batches));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static long scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            if (ps.execute()) {
                return 0;
            }
            return ps.getLargeUpdateCount();
        }
    }
}

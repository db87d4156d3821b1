package org.yimatong.hub.lists.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.lists.CallbackDebt;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.lists.ParentLists;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.payload.ChangesPage;
import org.yimatong.schemas.payload.ListChange;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Follows the parent's change feed (REQ-LIST-12): every list change accepted elsewhere in the federation is
 * applied to this hub's list state and appended to its own feed (so its children and subscribers see it too),
 * with {@code via} = the parent. The parent leaves out what came through this hub, and a change about a list of
 * this hub's own subtree is ignored all the same, so nothing travels back down to where it came from. The
 * cursor is stored in the transaction that applies the page: a restart resumes where the last commit left off,
 * nothing missed, nothing doubled. One instance follows at a time ({@link ListLocks#FOLLOW}).
 */
@ApplicationScoped
public class ParentFeedFollower {

    private static final Logger LOG = Logger.getLogger(ParentFeedFollower.class);
    private static final Pattern ENTITY_ID = Pattern.compile("ymt:(hub|member):[A-Za-z0-9._-]{1,64}");
    private static final Pattern SUB = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_PAGES_PER_RUN = 100;
    private static final String UPSERT = "insert into list_entry (member, sub, col, since, until, reason, rgn, epoch)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (sub, member) do update set col = excluded.col,"
            + " since = excluded.since, until = excluded.until, reason = excluded.reason, rgn = excluded.rgn,"
            + " epoch = excluded.epoch where (list_entry.col, list_entry.since, list_entry.until, list_entry.reason,"
            + " list_entry.rgn, list_entry.epoch) is distinct from (excluded.col, excluded.since, excluded.until,"
            + " excluded.reason, excluded.rgn, excluded.epoch) returning (xmax = 0) as inserted";
    private static final String APPEND = "insert into list_change (op, member, sub, rgn, col, since, until, reason,"
            + " batch_tag, recorded_at, via, epoch) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final Pattern EPOCH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final AgroalDataSource dataSource;
    private final ParentLists parent;
    private final HubConfig hub;
    private final MemberDirectory directory;
    private final ListsConfig config;
    private final Clock clock;
    private final Event<ListChangesRecorded> recorded;
    private final CallbackDebt callbacks;
    private final Backoff backoff = new Backoff();

    public ParentFeedFollower(AgroalDataSource dataSource, ParentLists parent, HubConfig hub,
            MemberDirectory directory, ListsConfig config, Clock clock, Event<ListChangesRecorded> recorded,
            CallbackDebt callbacks) {
        this.callbacks = callbacks;
        this.dataSource = dataSource;
        this.parent = parent;
        this.hub = hub;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
        this.recorded = recorded;
    }

    @Scheduled(identity = "list-follow", every = "{ymt.lists.replication.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!parent.present() || !backoff.mayTry(clock.instant())) {
            return;
        }
        try {
            follow();
            backoff.succeeded();
        } catch (RuntimeException | SQLException e) {
            backoff.failed(clock.instant());
            if (backoff.firstFailure()) {
                LOG.warnf("The parent hub's list changes could not be read (trying again with back-off): %s",
                        e.getMessage());
            }
        }
    }

    /** Reads and applies the parent's new changes, page by page; the number of pages applied. Blocks. */
    public int follow() throws SQLException {
        int pages = 0;
        while (pages < MAX_PAGES_PER_RUN) {
            Boolean more = followOnePage();
            if (more == null) {
                return pages;
            }
            pages++;
            if (!more) {
                return pages;
            }
        }
        return pages;
    }

    /** One page: {@code true} if the parent has more, {@code false} if not, {@code null} if another instance follows. */
    private Boolean followOnePage() throws SQLException {
        String parentId = hub.parentEntityId().orElseThrow();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!ListLocks.tryLock(connection, ListLocks.FOLLOW)) {
                    connection.rollback();
                    return null;
                }
                String cursor = cursor(connection, parentId);
                ChangesPage page = parent.changes(cursor, config.replication().pageSize())
                        .await().atMost(config.replication().timeout());
                ListLocks.lock(connection, ListLocks.FEED);
                long before = maxSeq(connection);
                Instant now = clock.instant();
                int applied = 0;
                for (ListChange change : page.changes()) {
                    applied += apply(connection, change, parentId, now) ? 1 : 0;
                }
                long after = maxSeq(connection);
                saveCursor(connection, parentId, page.next(), now);
                callbacks.owe(connection, before + 1, after);
                connection.commit();
                if (applied > 0) {
                    LOG.debugf("Applied %d list changes from %s", applied, parentId);
                }
                if (after > before) {
                    recorded.fire(new ListChangesRecorded(before + 1, after));
                }
                return page.hasMore() && !page.changes().isEmpty();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Applies one change; whether it changed this hub's state. A malformed change is skipped with a warning. */
    private boolean apply(Connection connection, ListChange change, String parentId, Instant now) throws SQLException {
        if (change.op() == null || change.member() == null || !ENTITY_ID.matcher(change.member()).matches()
                || change.sub() == null || !SUB.matcher(change.sub()).matches()
                || change.rgn() == null || !REGION.matcher(change.rgn()).matches()
                || change.batchTag() != null && !TAG.matcher(change.batchTag()).matches()
                || change.epoch() != null && !EPOCH.matcher(change.epoch()).matches()) {
            LOG.warnf("Skipped a malformed change %d from %s", change.seq(), parentId);
            return false;
        }
        if (directory.find(change.member()).isPresent() || ownSubtree(connection, change.member())) {
            return false; // this hub's own subtree: it holds that list first-hand
        }
        if (change.op() == ListChange.Op.REMOVED) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "delete from list_entry where sub = ? and member = ? returning rgn")) {
                ps.setString(1, change.sub());
                ps.setString(2, change.member());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    append(connection, ListChange.Op.REMOVED, change, rs.getString(1), null, now, parentId);
                    return true;
                }
            }
        }
        ListEntry entry;
        try {
            entry = new ListEntry(change.sub(), change.col(), change.since(), change.until(), change.reason(),
                    change.rgn());
        } catch (RuntimeException invalid) {
            LOG.warnf("Skipped an invalid change %d from %s", change.seq(), parentId);
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            ps.setString(1, change.member());
            ps.setString(2, entry.sub());
            ps.setString(3, entry.col().name());
            ps.setObject(4, OffsetDateTime.ofInstant(entry.since(), ZoneOffset.UTC));
            ps.setObject(5, OffsetDateTime.ofInstant(entry.until(), ZoneOffset.UTC));
            ps.setString(6, entry.reason());
            ps.setString(7, entry.rgn());
            ps.setString(8, epochOf(change, now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false; // the same state already
                }
                append(connection, rs.getBoolean(1) ? ListChange.Op.ADDED : ListChange.Op.CHANGED, change,
                        entry.rgn(), entry, now, parentId);
                return true;
            }
        }
    }

    private static void append(Connection connection, ListChange.Op op, ListChange change, String rgn, ListEntry entry,
            Instant now, String via) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(APPEND)) {
            ps.setString(1, op.name());
            ps.setString(2, change.member());
            ps.setString(3, change.sub());
            ps.setString(4, rgn);
            ps.setString(5, entry == null ? null : entry.col().name());
            ps.setObject(6, entry == null ? null : OffsetDateTime.ofInstant(entry.since(), ZoneOffset.UTC));
            ps.setObject(7, entry == null ? null : OffsetDateTime.ofInstant(entry.until(), ZoneOffset.UTC));
            ps.setString(8, entry == null ? null : entry.reason());
            ps.setString(9, change.batchTag());
            ps.setObject(10, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(11, via);
            ps.setString(12, epochOf(change, now));
            ps.executeUpdate();
        }
    }

    /** A change from a hub that does not name epochs is under the current key. */
    private static String epochOf(ListChange change, Instant now) {
        return change.epoch() != null ? change.epoch() : YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString();
    }

    /** A list owner whose batches reach this hub itself (directly or relayed by a child hub). */
    private static boolean ownSubtree(Connection connection, String member) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from list_batch where member = ? limit 1")) {
            ps.setString(1, member);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String cursor(Connection connection, String parentId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select cursor from list_follow where parent = ?")) {
            ps.setString(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void saveCursor(Connection connection, String parentId, String cursor, Instant now)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into list_follow (parent, cursor, followed_at)"
                + " values (?, ?, ?) on conflict (parent) do update set cursor = excluded.cursor,"
                + " followed_at = excluded.followed_at")) {
            ps.setString(1, parentId);
            ps.setString(2, cursor);
            ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static long maxSeq(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select coalesce(max(seq), 0) from list_change");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package org.yimatong.hub.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL advisory lock keys of the lists. {@link #FEED} is taken (transaction-scoped) by every transaction
 * that appends to {@code list_change}, so sequence values are allocated and committed in one order and a
 * reader paging by sequence never skips a value that commits later. {@link #RETENTION}, {@link #FOLLOW},
 * {@link #RELAY} and {@link #DAILY_PULL} keep two hub instances from purging, following the parent's feed, relaying
 * batches or pulling the members' daily files at once.
 */
public final class ListLocks {

    /** "ymt-list-feed" */
    public static final long FEED = 0x796d742d6c66L;
    /** "ymt-list-purge" */
    public static final long RETENTION = 0x796d742d6c70L;
    /** "ymt-list-follow" */
    public static final long FOLLOW = 0x796d742d6c77L;
    /** "ymt-list-relay" */
    public static final long RELAY = 0x796d742d6c72L;
    /** "ymt-list-daily" */
    public static final long DAILY_PULL = 0x796d742d6c64L;

    private ListLocks() {
    }

    /** Takes {@code key} for the rest of the transaction, waiting for it. */
    public static void lock(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }

    /** Takes {@code key} for the rest of the transaction if no other transaction holds it; whether it did. */
    public static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

package org.yimatong.hub.lists;

/**
 * PostgreSQL advisory lock keys of the lists. {@link #FEED} is taken (transaction-scoped) by every transaction
 * that appends to {@code list_change}, so sequence values are allocated and committed in one order and a
 * reader paging by sequence never skips a value that commits later. {@link #RETENTION} keeps two hub
 * instances from purging at once.
 */
public final class ListLocks {

    /** "ymt-list-feed" */
    public static final long FEED = 0x796d742d6c66L;
    /** "ymt-list-purge" */
    public static final long RETENTION = 0x796d742d6c70L;

    private ListLocks() {
    }
}

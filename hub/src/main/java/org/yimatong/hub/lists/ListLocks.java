package org.yimatong.hub.lists;

/**
 * PostgreSQL advisory lock keys of the lists. {@link #FEED} is taken (transaction-scoped) by every transaction
 * that appends to {@code list_change}, so sequence values are allocated and committed in one order and a
 * reader paging by sequence never skips a value that commits later. {@link #RETENTION}, {@link #FOLLOW} and
 * {@link #RELAY} keep two hub instances from purging, following the parent's feed or relaying batches at once.
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

    private ListLocks() {
    }
}

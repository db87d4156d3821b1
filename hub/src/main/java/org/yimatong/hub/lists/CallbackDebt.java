package org.yimatong.hub.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The list-change notifications a transaction owes, recorded in that transaction (REQ-HA-1): every subscription
 * interested in the changes {@code fromSeq..toSeq} gets them as its {@code due_seq}, claimed by this instance until
 * {@code ymt.lists.callbacks.claim} from now. So changes never commit without their debt: if the instance dies
 * before it posts the callbacks, any instance's sweep delivers them once the claim lapses.
 */
@ApplicationScoped
public class CallbackDebt {

    private static final String OWE = "update list_subscription s set due_seq = greatest(s.due_seq, ?),"
            + " next_attempt_at = ? where s.due_seq < ? and (cardinality(s.region_prefixes) = 0 or exists (select 1"
            + " from list_change c where c.seq between ? and ? and exists (select 1 from unnest(s.region_prefixes) p"
            + " where c.rgn like p || '%')))";

    private final ListsConfig config;
    private final Clock clock;

    public CallbackDebt(ListsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Records the debt of changes {@code fromSeq..toSeq} (nothing when the range is empty). */
    public void owe(Connection connection, long fromSeq, long toSeq) throws SQLException {
        if (toSeq < fromSeq) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(OWE)) {
            ps.setLong(1, toSeq);
            ps.setObject(2, clock.instant().plus(config.callbacks().claim()).atOffset(ZoneOffset.UTC));
            ps.setLong(3, toSeq);
            ps.setLong(4, fromSeq);
            ps.setLong(5, toSeq);
            ps.executeUpdate();
        }
    }
}

package org.yimatong.hub.lists.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.lists.ParentLists;
import org.yimatong.hub.lists.RelayedBatch;
import org.yimatong.hub.lists.RelayedBatch.Relay;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchRelaySignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends every batch stored here (of a member, or relayed by a child hub) on to the parent, with this hub's
 * countersignature added to the chain (REQ-LIST-12). A batch is a member's whole list of an epoch, so only a member's
 * latest batch of each epoch is sent; its body is rebuilt in canonical form from the stored entries, which hold exactly that batch
 * (checked by its digest). {@code forwarded_at} is set in the same transaction that sent it, under
 * {@link ListLocks#RELAY}: one instance relays, a crash before the commit sends the batch again (the parent
 * answers a repeated batch tag idempotently), and nothing waits in memory.
 */
@ApplicationScoped
public class BatchRelay {

    private static final Logger LOG = Logger.getLogger(BatchRelay.class);
    private static final String NEXT = "select member, batch_tag, day, digest, signature, relays, epoch from list_batch"
            + " where forwarded_at is null order by stored_at limit 1 for update";

    private final AgroalDataSource dataSource;
    private final ParentLists parent;
    private final HubKeyRing hubKeys;
    private final HubConfig hub;
    private final ListsConfig config;
    private final Clock clock;
    private final Backoff backoff = new Backoff();

    public BatchRelay(AgroalDataSource dataSource, ParentLists parent, HubKeyRing hubKeys, HubConfig hub,
            ListsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.parent = parent;
        this.hubKeys = hubKeys;
        this.hub = hub;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "list-relay", every = "{ymt.lists.replication.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!parent.present() || !backoff.mayTry(clock.instant())) {
            return;
        }
        try {
            relayPending();
            backoff.succeeded();
        } catch (RuntimeException | SQLException e) {
            backoff.failed(clock.instant());
            if (backoff.firstFailure()) {
                LOG.warnf("Batches could not be relayed to the parent hub (trying again with back-off): %s",
                        e.getMessage());
            }
        }
    }

    /** Relays every batch still waiting; the number sent. Blocks: call it on a worker thread. */
    public int relayPending() throws SQLException {
        int sent = 0;
        while (relayOne()) {
            sent++;
        }
        return sent;
    }

    private boolean relayOne() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!ListLocks.tryLock(connection, ListLocks.RELAY)) {
                    connection.rollback();
                    return false;
                }
                Pending pending = next(connection);
                if (pending == null) {
                    connection.commit();
                    return false;
                }
                if (supersededOrChanged(connection, pending)) {
                    markForwarded(connection, pending);
                    connection.commit();
                    return true;
                }
                parent.forward(pending.batch).await().atMost(config.replication().timeout().plusSeconds(5));
                markForwarded(connection, pending);
                connection.commit();
                LOG.infof("Batch %s of %s relayed to the parent hub (%d relays)", pending.batch.batchTag(),
                        pending.batch.member(), pending.batch.relays().size());
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private record Pending(RelayedBatch batch, String digest, boolean latest, boolean bodyMatches) {}

    private Pending next(Connection connection) throws SQLException {
        String member;
        String tag;
        LocalDate day;
        String digest;
        String signature;
        List<Relay> relays;
        String epoch;
        try (PreparedStatement ps = connection.prepareStatement(NEXT); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            member = rs.getString(1);
            tag = rs.getString(2);
            day = rs.getObject(3, LocalDate.class);
            digest = rs.getString(4);
            signature = rs.getString(5);
            relays = new ArrayList<>(RelayedBatch.parseRelaysJson(rs.getString(6)));
            epoch = rs.getString(7);
        }
        boolean latest = isLatest(connection, member, epoch, tag);
        byte[] body = new byte[0];
        boolean matches = false;
        if (latest) {
            CanonicalBatch.Builder rebuilt = CanonicalBatch.builder(BatchDigest.of(digest));
            List<ListEntry> entries = entries(connection, member, epoch);
            entries.forEach(rebuilt::add);
            matches = rebuilt.digest().equals(digest);
            if (matches) {
                body = CanonicalBatch.canonicalBytes(entries);
                BatchManifest manifest = new BatchManifest(member, tag, day, entries.size(), digest);
                relays.add(new Relay(hub.entityId(), BatchRelaySignature.sign(manifest, hubKeys.signingKey())));
            }
        }
        return new Pending(new RelayedBatch(member, tag, day, epoch, body, signature, relays), digest, latest, matches);
    }

    /** A later batch of the same member replaces this one; entries changed since (retention) cannot be re-signed. */
    private boolean supersededOrChanged(Connection connection, Pending pending) {
        if (!pending.latest) {
            return true;
        }
        if (!pending.bodyMatches) {
            LOG.warnf("Batch %s of %s is not relayed: its entries changed since it was stored (retention); the"
                    + " member's next batch will be", pending.batch.batchTag(), pending.batch.member());
            return true;
        }
        return false;
    }

    private static boolean isLatest(Connection connection, String member, String epoch, String tag)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select batch_tag from list_batch where member = ?"
                + " and epoch = ? order by day desc, stored_at desc limit 1")) {
            ps.setString(1, member);
            ps.setString(2, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).equals(tag);
            }
        }
    }

    private static List<ListEntry> entries(Connection connection, String member, String epoch) throws SQLException {
        List<ListEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select sub, col, since, until, reason, rgn"
                + " from list_entry where member = ? and epoch = ? order by sub")) {
            ps.setString(1, member);
            ps.setString(2, epoch);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ListEntry(rs.getString(1), Colour.valueOf(rs.getString(2)),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return entries;
    }

    private void markForwarded(Connection connection, Pending pending) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update list_batch set forwarded_at = ? where member = ? and batch_tag = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(2, pending.batch.member());
            ps.setString(3, pending.batch.batchTag());
            ps.executeUpdate();
        }
    }
}

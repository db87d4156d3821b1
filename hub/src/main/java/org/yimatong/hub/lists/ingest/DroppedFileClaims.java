package org.yimatong.hub.lists.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.yimatong.hub.lists.ListsConfig;

import io.agroal.api.AgroalDataSource;

/**
 * Which instance takes a dropped batch file (REQ-HA-1): the file-drop route's idempotent read lock, kept in
 * PostgreSQL, so that of several instances watching one folder exactly one ingests each file, the first to insert
 * its key. A claim is removed when its file fails to be read, so the file is tried again; a file that was read
 * (stored or refused) has moved out of the inbox, and its claim is kept for the record. A claim lapses after
 * {@code ymt.lists.drop.claim}: a file still in the inbox by then was being read by an instance that died, and the
 * next instance to poll takes it (its batch tag keeps a second ingest of the same batch from storing it twice).
 */
@ApplicationScoped
@Named("droppedFileClaims")
public class DroppedFileClaims extends ServiceSupport implements IdempotentRepository {

    private final AgroalDataSource dataSource;
    private final Duration claim;

    @Inject
    public DroppedFileClaims(AgroalDataSource dataSource, ListsConfig config) {
        this(dataSource, config.drop().claim());
    }

    DroppedFileClaims(AgroalDataSource dataSource, Duration claim) {
        this.dataSource = dataSource;
        this.claim = claim;
    }

    /** True if this instance claimed the file now, false if an instance holds a claim on it that has not lapsed. */
    @Override
    public boolean add(String key) {
        return update("insert into dropped_file_claim (file_key) values (?) on conflict (file_key) do update"
                + " set claimed_at = now() where dropped_file_claim.claimed_at < now() - make_interval(secs => ?)",
                key, claim) == 1;
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from dropped_file_claim where file_key = ?"
                        + " and claimed_at >= now() - make_interval(secs => ?)")) {
            ps.setString(1, key);
            ps.setDouble(2, claim.toMillis() / 1000.0);
            return ps.executeQuery().next();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the dropped-file claims", e);
        }
    }

    @Override
    public boolean remove(String key) {
        return update("delete from dropped_file_claim where file_key = ?", key) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        update("delete from dropped_file_claim", null);
    }

    private int update(String sql, String key) {
        return update(sql, key, null);
    }

    /** Runs {@code sql} with {@code key} and, if not null, the claim's length in seconds as its parameters. */
    private int update(String sql, String key, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (key != null) {
                ps.setString(1, key);
            }
            if (lease != null) {
                ps.setDouble(2, lease.toMillis() / 1000.0);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a dropped-file claim", e);
        }
    }
}

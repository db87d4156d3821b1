package org.yimatong.hub.lists.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import io.agroal.api.AgroalDataSource;

/**
 * Which instance takes a dropped batch file (REQ-HA-1): the file-drop route's idempotent read lock, kept in
 * PostgreSQL, so that of several instances watching one folder exactly one ingests each file, the first to insert
 * its key. A claim is removed when its file fails to be read, so the file is tried again; a file that was read
 * (stored or refused) has moved out of the inbox, and its claim is kept for the record.
 */
@ApplicationScoped
@Named("droppedFileClaims")
public class DroppedFileClaims extends ServiceSupport implements IdempotentRepository {

    private final AgroalDataSource dataSource;

    public DroppedFileClaims(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True if this instance claimed the file now, false if an instance had claimed it already. */
    @Override
    public boolean add(String key) {
        return update("insert into dropped_file_claim (file_key) values (?) on conflict do nothing", key) == 1;
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from dropped_file_claim where file_key = ?")) {
            ps.setString(1, key);
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (key != null) {
                ps.setString(1, key);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a dropped-file claim", e);
        }
    }
}

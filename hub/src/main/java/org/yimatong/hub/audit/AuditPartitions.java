package org.yimatong.hub.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.hub.home.YimatongHome;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.AuditEvent.Action;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The audit trail at national volume: {@code audit_event} is partitioned by day (UTC). Each run, on one instance of
 * the cluster (an advisory lock), makes the partitions of yesterday to {@link #DAYS_AHEAD} days ahead, and archives
 * every day older than {@code ymt.audit.days-online}: its events, checked link by link, go to a gzipped NDJSON file in
 * {@code ymt.audit.archive-dir}, with a manifest (day, count, SHA-256 of the file, each chain's first and last link)
 * signed by the hub ({@link AuditArchives#TYP}); the manifest is recorded in {@code audit_archive} and the partition
 * dropped in the same transaction. A day that does not verify is not archived. {@code GET /v1/audit/verify} then
 * starts each chain from its last archived link.
 */
@ApplicationScoped
public class AuditPartitions {

    private static final Logger LOG = Logger.getLogger(AuditPartitions.class);
    static final int DAYS_AHEAD = 7;
    /** "ymt-audit" */
    private static final long LOCK = 0x796d742d6175L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTITIONS = "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
            + " join pg_class p on p.oid = i.inhparent where p.relname = 'audit_event' and c.relname ~ '^audit_event_[0-9]{8}$'"
            + " order by c.relname";

    /** What one run did: the partitions it made and the days it archived. */
    public record Rollover(List<LocalDate> created, List<LocalDate> archived) {}

    private final AgroalDataSource dataSource;
    private final HubKeyRing keys;
    private final Clock clock;
    private final int daysOnline;
    private final Path archiveDir;

    public AuditPartitions(AgroalDataSource dataSource, HubKeyRing keys, Clock clock,
            @ConfigProperty(name = "ymt.audit.days-online", defaultValue = "30") int daysOnline,
            @ConfigProperty(name = "ymt.audit.archive-dir") Optional<String> archiveDir) {
        if (daysOnline < 1) {
            throw new IllegalArgumentException("ymt.audit.days-online must be at least 1, is " + daysOnline);
        }
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
        this.daysOnline = daysOnline;
        this.archiveDir = archiveDir.map(Path::of).orElseGet(() -> YimatongHome.path().resolve("audit-archive"));
    }

    /**
     * Today's partition must exist before the first event of a hub that was down for days; the archiving (long: a
     * day's export) waits for the schedule, never the start.
     */
    void onStart(@Observes StartupEvent start) {
        try {
            roll(false);
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Audit partitions not made at start");
        }
    }

    @Scheduled(identity = "audit-partitions", every = "{ymt.audit.partitions-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            roll();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Audit partitions not maintained this time");
        }
    }

    /** Makes the coming days' partitions and archives the days past the online window; empty if another instance is. */
    public Optional<Rollover> roll() throws SQLException {
        return roll(true);
    }

    private synchronized Optional<Rollover> roll(boolean archiving) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection, "pg_try_advisory_lock")) {
                return Optional.empty();
            }
            try {
                List<LocalDate> created = new ArrayList<>();
                for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day
                        .plusDays(1)) {
                    if (create(connection, day)) {
                        created.add(day);
                    }
                }
                List<LocalDate> archived = new ArrayList<>();
                LocalDate oldestOnline = today.minusDays(daysOnline);
                for (LocalDate day : days(connection)) {
                    if (archiving && day.isBefore(oldestOnline) && archive(connection, day)) {
                        archived.add(day);
                    }
                }
                return Optional.of(new Rollover(created, archived));
            } finally {
                lock(connection, "pg_advisory_unlock");
            }
        }
    }

    private static boolean lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select " + function + "(?)")) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Whether the day's partition was made now (false: it was there, or the default partition holds its events). */
    private boolean create(Connection connection, LocalDate day) {
        String name = partition(day);
        try (Statement statement = connection.createStatement()) {
            if (exists(connection, name)) {
                return false;
            }
            statement.execute("create table " + name + " partition of audit_event for values from ('" + day
                    + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')");
            return true;
        } catch (SQLException e) {
            // events of that day already went to the default partition: they stay there, online
            LOG.warnf("Audit partition %s not made: %s", name, e.getMessage());
            return false;
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<LocalDate> days(Connection connection) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(PARTITIONS)) {
            while (rs.next()) {
                days.add(LocalDate.parse(rs.getString(1).substring("audit_event_".length()), DAY));
            }
        }
        return days;
    }

    /** Exports, signs, records and drops one day; false (and the partition kept) if its events do not verify. */
    private boolean archive(Connection connection, LocalDate day) throws SQLException {
        String name = partition(day);
        Path file = archiveDir.resolve("audit-" + day.format(DAY) + ".ndjson.gz");
        Export export;
        connection.setAutoCommit(false);
        try {
            export = export(connection, name, file);
            if (export.broken != null) {
                connection.rollback();
                LOG.errorf("Audit day %s not archived: %s (the partition stays online)", day, export.broken);
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part"));
                return false;
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("day", day.toString());
            manifest.put("events", export.events);
            manifest.put("file", file.getFileName().toString());
            manifest.put("sha256", export.sha256);
            manifest.put("chains", export.chains);
            String signature = JwsSigner.sign(keys.signingKey(), AuditArchives.TYP, JSON.writeValueAsBytes(manifest));
            Files.writeString(archiveDir.resolve("audit-" + day.format(DAY) + ".manifest.jws"), signature,
                    StandardCharsets.US_ASCII);
            try (Statement statement = connection.createStatement()) {
                // a brief exclusive lock on the parent; never wait long for it behind the request traffic
                statement.execute("set local lock_timeout = '5s'");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_archive (day, location,"
                    + " events, signature, archived_at) values (?, ?, ?, ?, ?)")) {
                insert.setObject(1, day);
                insert.setString(2, file.toAbsolutePath().toString());
                insert.setLong(3, export.events);
                insert.setString(4, signature);
                insert.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table " + name);
            }
            connection.commit();
            LOG.infof("Audit day %s archived: %d events to %s, partition dropped", day, export.events, file);
            return true;
        } catch (IOException | SQLException | RuntimeException e) {
            connection.rollback();
            LOG.errorf(e, "Audit day %s not archived (the partition stays online)", day);
            return false;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The chain links of one archived day: each chain's first and last event in it. */
    record ArchivedChain(long firstSeq, String firstPrevHash, long lastSeq, String lastHash) {}

    private static final class Export {
        long events;
        String sha256;
        String broken;
        final Map<String, ArchivedChain> chains = new LinkedHashMap<>();
    }

    /** Streams the partition in chain order into the gzipped file, checking every link on the way. */
    private static Export export(Connection connection, String partition, Path file) throws SQLException,
            IOException {
        Export export = new Export();
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha256);
                GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
                JsonGenerator json = JSON.getFactory().createGenerator(gzip);
                PreparedStatement select = connection.prepareStatement("select chain_id, seq, at, actor, member,"
                        + " purpose, action, target, outcome, latency_ms, prev_hash, hash, subject, origin from "
                        + partition
                        + " order by chain_id, seq")) {
            select.setFetchSize(10_000);
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            String chain = null;
            long firstSeq = 0;
            byte[] firstPrev = null;
            long lastSeq = 0;
            byte[] lastHash = null;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String chainId = rs.getString("chain_id");
                    long seq = rs.getLong("seq");
                    byte[] prev = rs.getBytes("prev_hash");
                    byte[] hash = rs.getBytes("hash");
                    AuditEvent event = new AuditEvent(rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"), rs.getString("member"), rs.getString("purpose"),
                            Action.valueOf(rs.getString("action")), rs.getString("target"), rs.getString("outcome"),
                            rs.getInt("latency_ms"), rs.getString("subject"), rs.getString("origin"));
                    if (!chainId.equals(chain)) {
                        if (chain != null) {
                            export.chains.put(chain, chained(firstSeq, firstPrev, lastSeq, lastHash));
                        }
                        chain = chainId;
                        firstSeq = seq;
                        firstPrev = prev;
                    } else if (seq != lastSeq + 1 || !Arrays.equals(prev, lastHash)) {
                        export.broken = "chain " + chainId + " breaks at " + seq;
                        return export;
                    }
                    if (!Arrays.equals(hash, AuditChain.link(prev, chainId, seq, event))) {
                        export.broken = "chain " + chainId + " event " + seq + " does not match its hash";
                        return export;
                    }
                    lastSeq = seq;
                    lastHash = hash;
                    write(json, chainId, seq, event, prev, hash);
                    export.events++;
                }
            }
            if (chain != null) {
                export.chains.put(chain, chained(firstSeq, firstPrev, lastSeq, lastHash));
            }
        }
        export.sha256 = HexFormat.of().formatHex(sha256.digest());
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return export;
    }

    private static ArchivedChain chained(long firstSeq, byte[] firstPrev, long lastSeq, byte[] lastHash) {
        return new ArchivedChain(firstSeq, HexFormat.of().formatHex(firstPrev), lastSeq, HexFormat.of().formatHex(
                lastHash));
    }

    private static void write(JsonGenerator json, String chainId, long seq, AuditEvent event, byte[] prev,
            byte[] hash) throws IOException {
        json.writeStartObject();
        json.writeStringField("chainId", chainId);
        json.writeNumberField("seq", seq);
        json.writeStringField("at", event.at().toString());
        json.writeStringField("actor", event.actor());
        json.writeStringField("member", event.member());
        json.writeStringField("purpose", event.purpose());
        json.writeStringField("action", event.action().name());
        json.writeStringField("target", event.target());
        json.writeStringField("outcome", event.outcome());
        json.writeNumberField("latencyMs", event.latencyMs());
        if (event.subject() != null) {
            json.writeStringField("subject", event.subject());
        }
        if (event.origin() != null) {
            json.writeStringField("origin", event.origin());
        }
        json.writeStringField("prevHash", HexFormat.of().formatHex(prev));
        json.writeStringField("hash", HexFormat.of().formatHex(hash));
        json.writeEndObject();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String partition(LocalDate day) {
        return "audit_event_" + day.format(DAY);
    }
}

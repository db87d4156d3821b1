package org.yimatong.hub.lists.ingest;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.lists.CallbackDebt;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ParentLists;
import org.yimatong.hub.lists.RelayedBatch;
import org.yimatong.hub.lists.ingest.IngestProgress.Tracker;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchRelaySignature;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsHeader;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.BatchProgress.State;
import org.yimatong.schemas.payload.BatchReceipt;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.agroal.api.AgroalDataSource;

/**
 * The one ingest path of a daily batch (REQ-LIST-2..5), on a worker thread, in one transaction: staged and
 * digested ({@link BatchStaging}), the detached signature checked against the manifest (or, for a list the hub
 * converted, made by the hub; for a batch a child hub relays, its countersignature checked), a replayed tag
 * answered idempotently, then diffed against the member's list of the same epoch under the feed lock
 * ({@link ListLocks#FEED}, {@link ListDiff}) and recorded with its provenance. Progress and audit on the way.
 */
@ApplicationScoped
public class BatchIngest {

    private static final Logger LOG = Logger.getLogger(BatchIngest.class);
    private static final String INSERT_BATCH = "insert into list_batch (member, batch_tag, day, count, digest,"
            + " signature, alg, kid, received_at, stored_at, added, changed, removed, unchanged, relayed_by, relays,"
            + " forwarded_at, epoch) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final MemberDirectory directory;
    private final IngestProgress progress;
    private final BatchStaging staging;
    private final StagingSpace space;
    private final Clock clock;
    private final AuditWriter audit;
    private final Event<ListChangesRecorded> recorded;
    private final ParentLists parent;
    private final CallbackDebt callbacks;

    public BatchIngest(AgroalDataSource dataSource, MemberDirectory directory, IngestProgress progress,
            BatchStaging staging, StagingSpace space, Clock clock, AuditWriter audit,
            Event<ListChangesRecorded> recorded, CallbackDebt callbacks, ParentLists parent) {
        this.callbacks = callbacks;
        this.space = space;
        this.dataSource = dataSource;
        this.directory = directory;
        this.progress = progress;
        this.staging = staging;
        this.clock = clock;
        this.audit = audit;
        this.recorded = recorded;
        this.parent = parent;
    }

    /**
     * Ingests one batch. Blocks: call it on a worker thread.
     *
     * @throws ProblemException {@code batch-invalid} (422) with every bad line, a signature fault (400),
     *     {@code conflict} (409) for a tag reused with another digest or a day older than the stored one
     */
    public IngestOutcome ingest(BatchUpload upload, BatchBody body) {
        space.check();
        Tracker tracker = progress.start(upload.member().entityId(), upload.batchTag());
        String outcome = "REFUSED";
        try {
            IngestOutcome result = run(upload, body, tracker);
            tracker.stored();
            outcome = result.replay() ? "REPLAY" : "STORED";
            return result;
        } catch (ProblemException e) {
            tracker.refused(Problem.of(e, null));
            outcome = AuditOutcome.of("REFUSED", e.type().slug());
            throw e;
        } catch (IOException e) {
            ProblemException refusal = new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The batch body could not be read: " + e.getMessage(), List.of());
            tracker.refused(Problem.of(refusal, null));
            throw refusal;
        } catch (SQLException e) {
            tracker.refused(Problem.of(ProblemType.INTERNAL, "The batch could not be stored", null, List.of()));
            outcome = "FAILED";
            throw new IllegalStateException("Batch ingest failed in the database", e);
        } finally {
            Instant at = clock.instant();
            int latency = (int) Math.min(Integer.MAX_VALUE, Duration.between(tracker.receivedAt(), at).toMillis());
            audit.append(new AuditEvent(at, upload.member().entityId(), upload.owner(), "list-batch",
                    Action.BATCH_UPLOAD, upload.batchTag(), outcome, latency)).await().indefinitely();
        }
    }

    private IngestOutcome run(BatchUpload upload, BatchBody body, Tracker tracker) throws IOException, SQLException {
        Member member = upload.member();
        SignatureProfile profile;
        KeyResolver keys = null;
        if (upload.convertingHubKey() != null) {
            profile = upload.convertingHubKey().profile();
        } else {
            profile = profile(upload.signature());
            JwsHeader vouching = ParsedJws.parseDetached(upload.vouchingSignature(), new byte[0]).header();
            keys = directory.keysFor(member, vouching.kid()).await().atMost(Duration.ofSeconds(30));
        }
        if (upload.isRelayed()) {
            refuseForeignOwner(upload);
        }

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return transaction(connection, upload, body, tracker, BatchDigest.forProfile(profile), keys);
            } catch (IOException | SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private IngestOutcome transaction(Connection connection, BatchUpload upload, BatchBody body, Tracker tracker,
            BatchDigest algorithm, KeyResolver keys) throws IOException, SQLException {
        Member member = upload.member();
        staging.open(connection);
        long phase = System.nanoTime();
        BatchStaging.Staged stagedBatch = staging.stage(connection, member, upload, body, tracker, algorithm);
        long count = stagedBatch.lines();
        tracker.state(State.VERIFYING, count);
        double staged = seconds(phase);
        phase = System.nanoTime();
        CanonicalBatch.Builder digest = staging.digest(connection, stagedBatch, algorithm);
        String owner = upload.owner();
        BatchManifest manifest = digest.manifest(owner, upload.batchTag(), upload.day());
        Jwk key;
        if (upload.convertingHubKey() != null) {
            key = upload.convertingHubKey();
        } else if (upload.isRelayed()) {
            BatchRelaySignature.verify(upload.vouchingSignature(), manifest, keys);
            key = null; // the owner's key is held where the owner is attached; its signature is kept as provenance
        } else {
            key = BatchSignature.verify(upload.signature(), manifest, keys);
        }
        String signature = upload.convertingHubKey() != null ? BatchSignature.sign(manifest, key) : upload.signature();
        double verified = seconds(phase);

        BatchReceipt stored = storedReceipt(connection, owner, upload.batchTag());
        if (stored != null) {
            connection.rollback();
            if (!stored.digest().equals(manifest.digest())) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "Batch tag " + upload.batchTag() + " was stored with another digest", List.of());
            }
            return new IngestOutcome(stored.asReplay(), true);
        }
        String epoch = upload.epoch() != null ? upload.epoch() : YearMonth.now(clock.withZone(ZoneOffset.UTC))
                .toString();
        refuseOlderDay(connection, owner, epoch, upload.day());
        String via = upload.isRelayed() ? member.entityId() : null;

        tracker.state(State.DIFFING, count);
        phase = System.nanoTime();
        ListLocks.lock(connection, ListLocks.FEED);
        // PostgreSQL keeps microseconds: the receipt answered now must equal the one a replay reads back (REQ-LIST-4)
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ListDiff.Diff diff = ListDiff.apply(connection, owner, upload.batchTag(), now, via, epoch, count);
        BatchReceipt receipt = new BatchReceipt(owner, upload.batchTag(), upload.day(), count, manifest.digest(),
                diff.added(), diff.changed(), diff.removed(), count - diff.added() - diff.changed(), now, null);
        insertBatch(connection, receipt, signature, ParsedJws.parseDetached(signature, new byte[0]).header(), upload,
                epoch, tracker.receivedAt());
        callbacks.owe(connection, diff.fromSeq(), diff.toSeq());
        connection.commit();
        LOG.infof("Batch %s of %s stored: %d entries, %d added, %d changed, %d removed (read and staged in %.1f s,"
                + " digest and signature %.1f s, diff and commit %.1f s)", upload.batchTag(), owner, count,
                diff.added(), diff.changed(), diff.removed(), staged, verified, seconds(phase));
        if (diff.toSeq() >= diff.fromSeq()) {
            recorded.fire(new ListChangesRecorded(diff.fromSeq(), diff.toSeq()));
        }
        return new IngestOutcome(receipt, false);
    }

    private static SignatureProfile profile(String signature) {
        JwsHeader header = ParsedJws.parseDetached(signature, new byte[0]).header();
        return SignatureProfile.fromJoseName(header.alg())
                .orElseThrow(() -> new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED,
                        "Batch signatures use SM2, ES256 or EdDSA", List.of()));
    }

    /**
     * A child hub relays only lists of its own subtree: never one of this hub's direct members, nor one another
     * child hub (or the owner itself) has been sending. Its entries' regions are checked line by line as well.
     */
    private void refuseForeignOwner(BatchUpload upload) throws SQLException {
        String owner = upload.owner();
        if (directory.find(owner).isPresent() || owner.equals(upload.member().entityId())) {
            throw new ProblemException(ProblemType.FORBIDDEN, owner + " uploads its own list here; "
                    + upload.member().entityId() + " may not relay it", List.of());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = connection.prepareStatement(
                        "select relayed_by from list_batch where member = ? order by stored_at desc limit 1")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !upload.member().entityId().equals(rs.getString(1))) {
                    throw new ProblemException(ProblemType.FORBIDDEN, "The list of " + owner + " comes through "
                            + rs.getString(1) + ", not " + upload.member().entityId(), List.of());
                }
            }
        }
    }

    private static BatchReceipt storedReceipt(Connection connection, String member, String tag) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select day, count, digest, added, changed, removed,"
                + " unchanged, stored_at from list_batch where member = ? and batch_tag = ?")) {
            ps.setString(1, member);
            ps.setString(2, tag);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new BatchReceipt(member, tag, rs.getObject(1, LocalDate.class), rs.getLong(2),
                        rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), null);
            }
        }
    }

    private static void refuseOlderDay(Connection connection, String member, String epoch, LocalDate day)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select max(day) from list_batch where member = ? and epoch = ?")) {
            ps.setString(1, member);
            ps.setString(2, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                LocalDate latest = rs.next() ? rs.getObject(1, LocalDate.class) : null;
                if (latest != null && day.isBefore(latest)) {
                    throw new ProblemException(ProblemType.CONFLICT,
                            "A batch for " + latest + " is stored already; " + day + " is older", List.of());
                }
            }
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private void insertBatch(Connection connection, BatchReceipt receipt, String signature, JwsHeader signed,
            BatchUpload upload, String epoch, Instant receivedAt) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT_BATCH)) {
            ps.setString(1, receipt.member());
            ps.setString(2, receipt.batchTag());
            ps.setObject(3, receipt.day());
            ps.setLong(4, receipt.count());
            ps.setString(5, receipt.digest());
            ps.setString(6, signature);
            ps.setString(7, signed.alg());
            ps.setString(8, signed.kid());
            ps.setObject(9, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
            ps.setObject(10, OffsetDateTime.ofInstant(receipt.storedAt(), ZoneOffset.UTC));
            ps.setLong(11, receipt.added());
            ps.setLong(12, receipt.changed());
            ps.setLong(13, receipt.removed());
            ps.setLong(14, receipt.unchanged());
            ps.setString(15, upload.isRelayed() ? upload.member().entityId() : null);
            ps.setString(16, upload.isRelayed() ? RelayedBatch.relaysJson(upload.relays()) : null);
            // sent up the tree by BatchRelay, unless this hub is the root
            ps.setObject(17, parent.present() ? null : OffsetDateTime.ofInstant(receipt.storedAt(), ZoneOffset.UTC));
            ps.setString(18, epoch);
            ps.executeUpdate();
        }
    }

}

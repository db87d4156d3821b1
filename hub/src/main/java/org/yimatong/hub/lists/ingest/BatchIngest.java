package org.yimatong.hub.lists.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ListsConfig;
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
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsHeader;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.BatchProgress.State;
import org.yimatong.schemas.payload.BatchReceipt;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.agroal.api.AgroalDataSource;

/**
 * The one ingest path of a daily batch (REQ-LIST-2..5), on a worker thread, in one transaction: every line is
 * validated while it streams into a staging table by {@code COPY} (the batch is never held in memory); then
 * duplicates are found in SQL, the canonical digest is computed over the rows sorted by {@code sub}, the
 * detached signature is checked against the manifest (or, for a list the hub converted, made by the hub), and a
 * set-based diff against the member's current list appends the change rows under the feed lock
 * ({@link ListLocks#FEED}) and replaces the member's entries.
 */
@ApplicationScoped
public class BatchIngest {

    private static final Logger LOG = Logger.getLogger(BatchIngest.class);
    private static final int MAX_LINE_BYTES = 4096;
    private static final int FETCH_SIZE = 10_000;
    private static final String WORK_MEM = "256MB";
    private static final int CHUNK_LINES = 4096;
    private static final int CHUNKS_IN_FLIGHT = 8;

    private static final String STAGING = "create temp table list_staging (line bigint not null,"
            + " sub text collate \"C\" not null, col text not null, since timestamptz not null,"
            + " until timestamptz not null, reason text not null, rgn text not null) on commit drop";
    // A batch is the member's whole list of one epoch: it replaces that epoch's entries and leaves the other
    // epoch's alone (next month's list is uploaded beside this month's). A pseudonym names one epoch only, so an
    // entry is found by (member, sub) whatever its epoch; a relabelled one counts as CHANGED.
    private static final String CHANGE_COLUMNS = "insert into list_change (op, member, sub, rgn, col, since, until,"
            + " reason, batch_tag, recorded_at, via, epoch) ";
    private static final String ADDED = CHANGE_COLUMNS
            + "select 'ADDED', ?, s.sub, s.rgn, s.col, s.since, s.until, s.reason, ?, ?, ?, ? from list_staging s"
            + " where not exists (select 1 from list_entry e where e.member = ? and e.sub = s.sub)";
    private static final String CHANGED = CHANGE_COLUMNS
            + "select 'CHANGED', ?, s.sub, s.rgn, s.col, s.since, s.until, s.reason, ?, ?, ?, ? from list_staging s"
            + " join list_entry e on e.member = ? and e.sub = s.sub"
            + " where (e.col, e.since, e.until, e.reason, e.rgn, e.epoch)"
            + " is distinct from (s.col, s.since, s.until, s.reason, s.rgn, ?)";
    private static final String REMOVED = CHANGE_COLUMNS
            + "select 'REMOVED', ?, e.sub, e.rgn, null::text, null::timestamptz, null::timestamptz, null::text, ?, ?, ?,"
            + " ? from list_entry e where e.member = ? and e.epoch = ?"
            + " and not exists (select 1 from list_staging s where s.sub = e.sub)";
    private static final String DELETE_REMOVED = "delete from list_entry e where e.member = ? and e.epoch = ?"
            + " and not exists (select 1 from list_staging s where s.sub = e.sub)";
    // New subjects are appended in sub order (a sorted build of the primary key), changed ones updated in place.
    private static final String INSERT_NEW = "insert into list_entry (member, sub, col, since, until, reason, rgn,"
            + " epoch) select ?, s.sub, s.col, s.since, s.until, s.reason, s.rgn, ? from list_staging s"
            + " where not exists (select 1 from list_entry e where e.member = ? and e.sub = s.sub) order by s.sub";
    private static final String UPDATE_CHANGED = "update list_entry e set col = s.col, since = s.since,"
            + " until = s.until, reason = s.reason, rgn = s.rgn, epoch = ? from list_staging s where e.member = ?"
            + " and e.sub = s.sub and (e.col, e.since, e.until, e.reason, e.rgn, e.epoch)"
            + " is distinct from (s.col, s.since, s.until, s.reason, s.rgn, ?)";
    private static final String INSERT_BATCH = "insert into list_batch (member, batch_tag, day, count, digest,"
            + " signature, alg, kid, received_at, stored_at, added, changed, removed, unchanged, relayed_by, relays,"
            + " forwarded_at, epoch) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final MemberDirectory directory;
    private final IngestProgress progress;
    private final ListsConfig config;
    private final Clock clock;
    private final AuditWriter audit;
    private final Event<ListChangesRecorded> recorded;
    private final ExecutorService parsers;
    private final ParentLists parent;

    public BatchIngest(AgroalDataSource dataSource, MemberDirectory directory, IngestProgress progress,
            ListsConfig config, Clock clock, AuditWriter audit, Event<ListChangesRecorded> recorded,
            ParentLists parent) {
        this.parent = parent;
        this.dataSource = dataSource;
        this.directory = directory;
        this.progress = progress;
        this.config = config;
        this.clock = clock;
        this.audit = audit;
        this.recorded = recorded;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.parsers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "list-batch-parser");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stopParsers() {
        parsers.shutdownNow();
    }

    /**
     * Ingests one batch. Blocks: call it on a worker thread.
     *
     * @throws ProblemException {@code batch-invalid} (422) with every bad line, a signature fault (400),
     *     {@code conflict} (409) for a tag reused with another digest or a day older than the stored one
     */
    public IngestOutcome ingest(BatchUpload upload, BatchBody body) {
        Tracker tracker = progress.start(upload.member().entityId(), upload.batchTag());
        String outcome = "REFUSED";
        try {
            IngestOutcome result = run(upload, body, tracker);
            tracker.stored(result.receipt());
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
        try (Statement statement = connection.createStatement()) {
            // sorts and hash joins over a whole batch: in memory rather than in temporary files
            statement.execute("set local work_mem = '" + WORK_MEM + "'");
            statement.execute(STAGING);
        }
        long phase = System.nanoTime();
        Staged stagedBatch = stage(connection, member, upload, body, tracker, algorithm);
        long count = stagedBatch.lines;
        tracker.state(State.VERIFYING, count);
        double staged = seconds(phase);
        phase = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze list_staging");
        }
        // an upload already in canonical (sub) order was digested while it streamed; any other is sorted here
        CanonicalBatch.Builder digest = stagedBatch.inOrder != null ? stagedBatch.inOrder : digest(connection, algorithm);
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
        String epoch = upload.epoch() != null ? upload.epoch() : YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
        refuseOlderDay(connection, owner, epoch, upload.day());
        String via = upload.isRelayed() ? member.entityId() : null;

        tracker.state(State.DIFFING, count);
        phase = System.nanoTime();
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ListLocks.FEED);
            lock.execute();
        }
        // PostgreSQL keeps microseconds: the receipt answered now must equal the one a replay reads back (REQ-LIST-4)
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long before = maxSeq(connection);
        Change change = new Change(owner, upload.batchTag(), now, via, epoch);
        long added = change.append(connection, ADDED, owner);
        long changed = change.append(connection, CHANGED, owner, epoch);
        long removed = change.append(connection, REMOVED, owner, epoch);
        long after = maxSeq(connection);
        update(connection, DELETE_REMOVED, owner, epoch);
        update(connection, UPDATE_CHANGED, epoch, owner, epoch);
        update(connection, INSERT_NEW, owner, epoch, owner);
        BatchReceipt receipt = new BatchReceipt(owner, upload.batchTag(), upload.day(), count,
                manifest.digest(), added, changed, removed, count - added - changed, now, null);
        insertBatch(connection, receipt, signature, ParsedJws.parseDetached(signature, new byte[0]).header(), upload,
                epoch, tracker.receivedAt());
        connection.commit();
        LOG.infof("Batch %s of %s stored: %d entries, %d added, %d changed, %d removed (read and staged in %.1f s,"
                + " digest and signature %.1f s, diff and commit %.1f s)", upload.batchTag(), owner, count,
                added, changed, removed, staged, verified, seconds(phase));
        if (after > before) {
            recorded.fire(new ListChangesRecorded(before + 1, after));
        }
        return new IngestOutcome(receipt, false);
    }

    /**
     * Reads, validates and copies every line; refuses the batch with every bad line (up to the bound). Lines are
     * parsed in chunks on the parser threads while this thread reads ahead and writes finished chunks to
     * {@code COPY} in order; at most {@value #CHUNKS_IN_FLIGHT} chunks are held at once. While the lines come
     * in strictly ascending {@code sub} order they are also digested here, which spares the sort.
     */
    private Staged stage(Connection connection, Member member, BatchUpload upload, BatchBody body, Tracker tracker,
            BatchDigest algorithm) throws IOException, SQLException {
        CountingStream counted = new CountingStream(body.raw());
        InputStream in = body.gzip() ? new GZIPInputStream(counted, 64 * 1024) : counted;
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy list_staging (line, sub, col, since, until, reason, rgn) from stdin");
        Staged staged = new Staged(copy, CanonicalBatch.builder(algorithm));
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        long started = System.nanoTime();
        long nextLog = started + config.progressLogInterval().toNanos();
        long lineNumber = 0;
        try {
            List<String> lines = new ArrayList<>(CHUNK_LINES);
            for (String text; (text = reader.next()) != null;) {
                lineNumber++;
                lines.add(text);
                if (lines.size() == CHUNK_LINES) {
                    inFlight.add(submit(lines, lineNumber - lines.size() + 1, member));
                    lines = new ArrayList<>(CHUNK_LINES);
                    if (inFlight.size() >= CHUNKS_IN_FLIGHT) {
                        staged.write(await(inFlight.poll()));
                        tracker.linesRead(staged.lines);
                    }
                    long nowNanos = System.nanoTime();
                    if (nowNanos >= nextLog) {
                        logProgress(upload, lineNumber, counted.count(), body.length(), nowNanos - started);
                        nextLog = nowNanos + config.progressLogInterval().toNanos();
                    }
                }
            }
            if (!lines.isEmpty()) {
                inFlight.add(submit(lines, lineNumber - lines.size() + 1, member));
            }
            while (!inFlight.isEmpty()) {
                staged.write(await(inFlight.poll()));
            }
            tracker.linesRead(lineNumber);
            if (staged.badLines > 0) {
                copy.cancelCopy();
                throw invalid(staged.errors, staged.badLines, lineNumber);
            }
            copy.endCopy();
            return staged;
        } finally {
            inFlight.forEach(f -> f.cancel(false));
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private Future<Chunk> submit(List<String> lines, long firstLine, Member member) {
        return parsers.submit(() -> parse(lines, firstLine, member));
    }

    private static Chunk await(Future<Chunk> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while parsing the batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Parses one chunk of lines into COPY rows, or into the faults of its bad lines. */
    private Chunk parse(List<String> lines, long firstLine, Member member) {
        byte[] rows = new byte[lines.size() * 200];
        int used = 0;
        List<FieldError> errors = new ArrayList<>();
        List<ListEntry> entries = new ArrayList<>(lines.size());
        long bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            ListEntry entry = check(lines.get(i), firstLine + i, member, errors);
            if (entry == null) {
                bad++;
            } else if (bad == 0) {
                entries.add(entry);
                byte[] row = row(firstLine + i, entry);
                if (used + row.length > rows.length) {
                    rows = Arrays.copyOf(rows, Math.max(rows.length * 2, used + row.length));
                }
                System.arraycopy(row, 0, rows, used, row.length);
                used += row.length;
            }
        }
        return new Chunk(lines.size(), rows, used, entries, errors, bad);
    }

    private record Chunk(int lines, byte[] rows, int length, List<ListEntry> entries, List<FieldError> errors,
            long badLines) {
    }

    /** What has gone to COPY so far, the faults found, and the digest while the lines are in sub order. */
    private final class Staged {
        private final CopyIn copy;
        private final List<FieldError> errors = new ArrayList<>();
        private long badLines;
        private long lines;
        private CanonicalBatch.Builder inOrder;
        private String lastSub;

        Staged(CopyIn copy, CanonicalBatch.Builder inOrder) {
            this.copy = copy;
            this.inOrder = inOrder;
        }

        void write(Chunk chunk) throws SQLException {
            lines += chunk.lines();
            badLines += chunk.badLines();
            for (FieldError error : chunk.errors()) {
                if (errors.size() < config.maxReportedErrors()) {
                    errors.add(error);
                }
            }
            if (badLines == 0 && chunk.length() > 0) {
                copy.writeToCopy(chunk.rows(), 0, chunk.length());
                digestInOrder(chunk.entries());
            }
        }

        private void digestInOrder(List<ListEntry> entries) {
            for (int i = 0; inOrder != null && i < entries.size(); i++) {
                ListEntry entry = entries.get(i);
                if (lastSub != null && entry.sub().compareTo(lastSub) <= 0) {
                    inOrder = null; // out of order or a duplicate: sorted and checked in SQL instead
                } else {
                    inOrder.add(entry);
                    lastSub = entry.sub();
                }
            }
        }
    }

    private ListEntry check(String text, long lineNumber, Member member, List<FieldError> errors) {
        List<FieldError> faults;
        if (text == LineReader.TOO_LONG) {
            faults = List.of(new FieldError("/line/" + lineNumber, "longer than " + MAX_LINE_BYTES + " bytes"));
        } else {
            try {
                ListEntry entry = ListEntry.parseLine(text, lineNumber);
                if (member.matchLength(entry.rgn()) > 0) {
                    return entry;
                }
                faults = List.of(new FieldError("/line/" + lineNumber + "/rgn",
                        "not a region " + member.entityId() + " serves"));
            } catch (ProblemException e) {
                faults = e.errors();
            }
        }
        if (errors.size() < config.maxReportedErrors()) {
            errors.addAll(faults);
        }
        return null;
    }

    private ProblemException invalid(List<FieldError> errors, long badLines, long lines) {
        String detail = badLines + " of " + lines + " lines are invalid; nothing was stored"
                + (badLines > config.maxReportedErrors() ? " (the first " + config.maxReportedErrors() + " are listed)" : "");
        return new ProblemException(ProblemType.BATCH_INVALID, detail, errors);
    }

    private static byte[] row(long lineNumber, ListEntry e) {
        // COPY text format; every field is restricted by ListEntry to characters that need no escaping
        return (lineNumber + "\t" + e.sub() + "\t" + e.col().name() + "\t" + e.since() + "\t" + e.until() + "\t"
                + e.reason() + "\t" + e.rgn() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void logProgress(BatchUpload upload, long lines, long bytes, long length, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = lines / seconds;
        String left = length > 0 && bytes > 0
                ? Math.round((length - bytes) / (bytes / seconds)) + " s left"
                : "time left unknown (no Content-Length)";
        LOG.infof("Batch %s of %s: %d entries read, %.0f entries/s, %s", upload.batchTag(),
                upload.member().entityId(), lines, rate, left);
    }

    private void refuseDuplicates(Connection connection) throws SQLException {
        String sql = "select line, first from (select line, min(line) over (partition by sub) as first,"
                + " row_number() over (partition by sub order by line) as n from list_staging) t"
                + " where n > 1 order by line limit ?";
        List<FieldError> errors = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select count(*) - count(distinct sub), count(*) from list_staging")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long duplicates = rs.getLong(1);
                if (duplicates == 0) {
                    return;
                }
                try (PreparedStatement list = connection.prepareStatement(sql)) {
                    list.setInt(1, config.maxReportedErrors());
                    try (ResultSet rows = list.executeQuery()) {
                        while (rows.next()) {
                            errors.add(new FieldError("/line/" + rows.getLong(1) + "/sub",
                                    "duplicate sub (first on line " + rows.getLong(2) + ")"));
                        }
                    }
                }
                throw invalid(errors, duplicates, rs.getLong(2));
            }
        }
    }

    /** The digest over the rows sorted by sub; a duplicate sub refuses the batch with every duplicate line. */
    private CanonicalBatch.Builder digest(Connection connection, BatchDigest algorithm) throws SQLException {
        try {
            return digestSorted(connection, algorithm);
        } catch (ProblemException duplicate) {
            refuseDuplicates(connection);
            throw duplicate;
        }
    }

    private CanonicalBatch.Builder digestSorted(Connection connection, BatchDigest algorithm) throws SQLException {
        CanonicalBatch.Builder builder = CanonicalBatch.builder(algorithm);
        try (PreparedStatement ps = connection.prepareStatement(
                "select sub, col, since, until, reason, rgn from list_staging order by sub")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    builder.add(new ListEntry(rs.getString(1), Colour.valueOf(rs.getString(2)),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return builder;
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

    private static long maxSeq(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(max(seq), 0) from list_change")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The columns every change row of one batch shares; {@link #append} binds them, then the query's own. */
    private record Change(String member, String tag, Instant now, String via, String epoch) {
        long append(Connection connection, String sql, String... more) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, member);
                ps.setString(2, tag);
                ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setString(4, via);
                ps.setString(5, epoch);
                for (int i = 0; i < more.length; i++) {
                    ps.setString(6 + i, more[i]);
                }
                return ps.executeLargeUpdate();
            }
        }
    }

    private static void update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeLargeUpdate();
        }
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

    /** Counts the bytes of the raw body, for the estimated time left. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

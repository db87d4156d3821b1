package org.yimatong.hub.lists.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
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

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.lists.ingest.IngestProgress.Tracker;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The first half of an ingest, in the batch's own transaction: every line validated while it streams into the
 * temporary table {@code list_staging} by {@code COPY} (the batch is never held in memory), its lines parsed
 * in chunks on a small pool of parser threads, then duplicates found and the canonical digest computed over the
 * rows in {@code sub} order. {@link BatchIngest} then verifies, diffs and stores.
 */
@ApplicationScoped
public class BatchStaging {

    private static final Logger LOG = Logger.getLogger(BatchStaging.class);
    private static final int MAX_LINE_BYTES = 4096;
    private static final int FETCH_SIZE = 10_000;
    private static final String WORK_MEM = "256MB";
    private static final int CHUNK_LINES = 4096;
    private static final int CHUNKS_IN_FLIGHT = 8;

    private static final String STAGING = "create temp table list_staging (line bigint not null,"
            + " sub text collate \"C\" not null, col text not null, since timestamptz not null,"
            + " until timestamptz not null, reason text not null, rgn text not null) on commit drop";

    private final ListsConfig config;
    private final ExecutorService parsers;

    public BatchStaging(ListsConfig config) {
        this.config = config;
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

    /** Creates the staging table of this transaction, with room to sort a whole batch in memory. */
    void open(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // sorts and hash joins over a whole batch: in memory rather than in temporary files
            statement.execute("set local work_mem = '" + WORK_MEM + "'");
            statement.execute(STAGING);
        }
    }

    /**
     * The canonical digest of the staged batch: the one computed while the lines streamed in {@code sub} order,
     * or else over the rows sorted here (a duplicate {@code sub} refuses the batch, every duplicate line named).
     */
    CanonicalBatch.Builder digest(Connection connection, Staged staged, BatchDigest algorithm) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze list_staging");
        }
        return staged.inOrder != null ? staged.inOrder : sortedDigest(connection, algorithm);
    }

    /**
     * Reads, validates and copies every line; refuses the batch with every bad line (up to the bound). Lines are
     * parsed in chunks on the parser threads while this thread reads ahead and writes finished chunks to
     * {@code COPY} in order; at most {@value #CHUNKS_IN_FLIGHT} chunks are held at once. While the lines come
     * in strictly ascending {@code sub} order they are also digested here, which spares the sort.
     */
    Staged stage(Connection connection, Member member, BatchUpload upload, BatchBody body, Tracker tracker,
            BatchDigest algorithm) throws IOException, SQLException {
        CountingStream counted = new CountingStream(body.raw());
        // bounded after decompression: a small gzip body must not inflate into the shared database's disk
        InputStream in = new BoundedStream(body.gzip() ? new GZIPInputStream(counted, 64 * 1024) : counted,
                config.maxBatchBytes());
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
                if (lineNumber > config.maxBatchLines()) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A batch is limited to "
                            + config.maxBatchLines() + " lines (ymt.lists.max-batch-lines)", List.of());
                }
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
            long badLines) {}

    /** What has gone to COPY so far, the faults found, and the digest while the lines are in sub order. */
    final class Staged {
        private final CopyIn copy;
        private final List<FieldError> errors = new ArrayList<>();
        private long badLines;
        private long lines;
        private CanonicalBatch.Builder inOrder;
        private String lastSub;

        long lines() {
            return lines;
        }

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
                + (badLines > config.maxReportedErrors() ? " (the first " + config.maxReportedErrors() + " are listed)"
                        : "");
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
    private CanonicalBatch.Builder sortedDigest(Connection connection, BatchDigest algorithm) throws SQLException {
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

    /** Refuses with 413 once more than {@code limit} bytes were read (the batch, decompressed). */
    private static final class BoundedStream extends FilterInputStream {
        private final long limit;
        private long read;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A batch is limited to " + limit
                        + " bytes, decompressed (ymt.lists.max-batch-bytes); nothing was stored", List.of());
            }
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

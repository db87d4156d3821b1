package org.yimatong.hub.lists.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.schemas.payload.BatchProgress;
import org.yimatong.schemas.payload.BatchProgress.State;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Batches being ingested, and the ones refused lately, in PostgreSQL ({@code batch_progress}) so that
 * {@code GET /v1/lists/batches/{tag}} answers the same on every instance (REQ-HA-1). Stored batches are answered
 * from {@code list_batch}; their row here is deleted. Writes come from the ingest's worker threads through the
 * reactive pool (the few JDBC connections are the ingest's own), lines read at most once per {@link #LINES_EVERY};
 * a failed write is logged and never fails the ingest. A refusal keeps at most {@link #MAX_KEPT_ERRORS} field errors and is kept for {@link #KEEP_REFUSED}; an ingest whose row has not moved
 * for {@link #STALE_AFTER} was cut off (its instance stopped) and is answered as refused: upload it again.
 */
@ApplicationScoped
public class IngestProgress {

    private static final Logger LOG = Logger.getLogger(IngestProgress.class);
    static final Duration LINES_EVERY = Duration.ofSeconds(1);
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);
    static final Duration KEEP_REFUSED = Duration.ofDays(7);
    static final int MAX_KEPT_ERRORS = 100;
    static final int MAX_KEPT_DETAIL = 2_000;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final Clock clock;
    private final ObjectMapper mapper;

    public IngestProgress(Pool pool, Clock clock, ObjectMapper mapper) {
        this.pool = pool;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Starts (or, for a tag uploaded again, restarts) the progress of one upload. */
    public Tracker start(String member, String batchTag) {
        Tracker tracker = new Tracker(member, batchTag, clock.instant());
        tracker.write("insert into batch_progress (member, batch_tag, state, lines_read, count, received_at,"
                + " updated_at, problem) values ($1, $2, 'RECEIVED', 0, null, $3, $3, null)"
                + " on conflict (member, batch_tag) do update set state = 'RECEIVED', lines_read = 0, count = null,"
                + " received_at = excluded.received_at, updated_at = excluded.updated_at, problem = null",
                at(tracker.receivedAt));
        return tracker;
    }

    /** The progress of an upload not stored (yet), from any instance. */
    public Uni<Optional<BatchProgress>> find(String member, String batchTag) {
        return pool.preparedQuery("select state, lines_read, count, received_at, updated_at, problem"
                + " from batch_progress where member = $1 and batch_tag = $2")
                .execute(Tuple.of(member, batchTag))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(progress(member, batchTag, rows.iterator().next())));
    }

    private BatchProgress progress(String member, String batchTag, Row row) {
        State state = State.valueOf(row.getString("state"));
        Instant updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        Problem problem = row.getString("problem") == null ? null : read(row.getString("problem"));
        if (!state.isFinal() && updatedAt.plus(STALE_AFTER).isBefore(clock.instant())) {
            state = State.REFUSED;
            problem = Problem.of(ProblemType.INTERNAL, "The ingest stopped at " + updatedAt + " without an outcome"
                    + " (its hub instance stopped); nothing of it was stored: upload the batch again", null, List.of());
        }
        return new BatchProgress(member, batchTag, state, row.getLong("lines_read"), row.getLong("count"),
                row.getOffsetDateTime("received_at").toInstant(), updatedAt, null, problem);
    }

    /** Forgets refusals older than {@link #KEEP_REFUSED}; idempotent, so every instance may run it. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldRefusals() {
        return pool.preparedQuery("delete from batch_progress where updated_at < $1")
                .execute(Tuple.of(at(clock.instant().minus(KEEP_REFUSED)))).replaceWithVoid();
    }

    private Problem read(String json) {
        try {
            return mapper.readValue(json, Problem.class);
        } catch (JsonProcessingException e) {
            return Problem.of(ProblemType.INTERNAL, "The refusal could not be read back", null, List.of());
        }
    }

    /** The refusal as kept: its detail and field errors bounded, so a batch of bad lines costs little to keep. */
    String kept(Problem refusal) {
        List<FieldError> errors = refusal.errors() == null ? null
                : refusal.errors().subList(0, Math.min(MAX_KEPT_ERRORS, refusal.errors().size()));
        String detail = refusal.detail();
        if (refusal.errors() != null && refusal.errors().size() > MAX_KEPT_ERRORS) {
            detail = detail + " (the first " + MAX_KEPT_ERRORS + " errors are kept)";
        }
        if (detail != null && detail.length() > MAX_KEPT_DETAIL) {
            detail = detail.substring(0, MAX_KEPT_DETAIL) + "...";
        }
        try {
            return mapper.writeValueAsString(new Problem(refusal.type(), refusal.title(), refusal.status(), detail,
                    refusal.instance(), errors, refusal.error(), refusal.errorDescription(), refusal.acrValues()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem is always JSON", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One upload's progress; written by its worker threads. */
    public final class Tracker {
        private final String member;
        private final String batchTag;
        private final Instant receivedAt;
        private volatile long linesWrittenAt;
        private volatile long lines;

        private Tracker(String member, String batchTag, Instant receivedAt) {
            this.member = member;
            this.batchTag = batchTag;
            this.receivedAt = receivedAt;
        }

        public Instant receivedAt() {
            return receivedAt;
        }

        void linesRead(long read) {
            lines = read;
            long now = clock.millis();
            if (now - linesWrittenAt < LINES_EVERY.toMillis()) {
                return;
            }
            linesWrittenAt = now;
            write("update batch_progress set lines_read = $3, updated_at = $4 where member = $1 and batch_tag = $2"
                    + " and state not in ('STORED', 'REFUSED')", lines, at(clock.instant()));
        }

        void state(State next, Long entries) {
            write("update batch_progress set state = $3, count = $4, lines_read = $5, updated_at = $6"
                    + " where member = $1 and batch_tag = $2", next.name(), entries, lines, at(clock.instant()));
        }

        /** The database answers for a stored batch from now on ({@code list_batch}). */
        void stored() {
            write("delete from batch_progress where member = $1 and batch_tag = $2");
        }

        void refused(Problem refusal) {
            String problem = kept(refusal);
            write("update batch_progress set state = 'REFUSED', problem = $3, lines_read = $4, updated_at = $5"
                    + " where member = $1 and batch_tag = $2", problem, lines, at(clock.instant()));
        }

        /**
         * Runs {@code sql} with member and batch tag as $1 and $2, in a commit of its own, waiting for it: the
         * ingest runs on worker threads, and its progress is written in its order.
         */
        private void write(String sql, Object... values) {
            Tuple tuple = Tuple.of(member, batchTag);
            for (Object value : values) {
                tuple.addValue(value);
            }
            try {
                pool.preparedQuery(sql).execute(tuple).await().atMost(WRITE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf("Progress of batch %s of %s not recorded: %s", batchTag, member, e.getMessage());
            }
        }
    }
}

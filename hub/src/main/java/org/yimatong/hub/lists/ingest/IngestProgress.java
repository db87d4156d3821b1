package org.yimatong.hub.lists.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.payload.BatchProgress;
import org.yimatong.schemas.payload.BatchProgress.State;
import org.yimatong.schemas.payload.BatchReceipt;
import org.yimatong.schemas.payload.Problem;

/**
 * Batches being ingested on this instance, and the ones refused lately, for {@code GET /v1/lists/batches/{tag}}.
 * Stored batches are answered from the database; this holds only what is not (yet) there.
 */
@ApplicationScoped
public class IngestProgress {

    private static final int MAX_FINISHED = 10_000;

    private final Clock clock;
    private final Map<Key, Tracker> trackers = new ConcurrentHashMap<>();

    public IngestProgress(Clock clock) {
        this.clock = clock;
    }

    public Tracker start(String member, String batchTag) {
        if (trackers.size() > MAX_FINISHED) {
            trackers.values().removeIf(t -> t.state.isFinal());
        }
        Tracker tracker = new Tracker(member, batchTag, clock.instant());
        trackers.put(new Key(member, batchTag), tracker);
        return tracker;
    }

    public Optional<BatchProgress> find(String member, String batchTag) {
        return Optional.ofNullable(trackers.get(new Key(member, batchTag))).map(Tracker::snapshot);
    }

    private record Key(String member, String batchTag) {}

    /** One ingest's progress; written by its worker thread, read by anyone. */
    public final class Tracker {
        private final String member;
        private final String batchTag;
        private final Instant receivedAt;
        private volatile State state = State.RECEIVED;
        private volatile long linesRead;
        private volatile Long count;
        private volatile Instant updatedAt;
        private volatile BatchReceipt receipt;
        private volatile Problem problem;

        private Tracker(String member, String batchTag, Instant receivedAt) {
            this.member = member;
            this.batchTag = batchTag;
            this.receivedAt = receivedAt;
            this.updatedAt = receivedAt;
        }

        public Instant receivedAt() {
            return receivedAt;
        }

        void linesRead(long lines) {
            this.linesRead = lines;
        }

        void state(State next, Long entries) {
            this.state = next;
            this.count = entries;
            this.updatedAt = clock.instant();
        }

        void stored(BatchReceipt stored) {
            this.receipt = stored;
            state(State.STORED, stored.count());
            trackers.remove(new Key(member, batchTag), this); // the database answers from now on
        }

        void refused(Problem refusal) {
            this.problem = refusal;
            state(State.REFUSED, count);
        }

        BatchProgress snapshot() {
            return new BatchProgress(member, batchTag, state, linesRead, count, receivedAt, updatedAt, receipt,
                    problem);
        }
    }
}

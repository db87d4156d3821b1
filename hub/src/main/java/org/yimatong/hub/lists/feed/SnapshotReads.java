package org.yimatong.hub.lists.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Bounds on snapshot downloads, which each hold one of the few JDBC connections for as long as the reader takes:
 * at most {@code ymt.lists.snapshot.max-concurrent} at once (503 {@code overloaded} beyond), and none longer than
 * {@code ymt.lists.snapshot.deadline}, after which its connection is closed, so a reader that stops reading cannot
 * keep a connection from the batch ingests.
 */
@ApplicationScoped
public class SnapshotReads {

    private static final Logger LOG = Logger.getLogger(SnapshotReads.class);

    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration deadline;
    private final Vertx vertx;

    public SnapshotReads(@ConfigProperty(name = "ymt.lists.snapshot.max-concurrent",
            defaultValue = "2") int maxConcurrent,
            @ConfigProperty(name = "ymt.lists.snapshot.deadline", defaultValue = "15m") Duration deadline,
            Vertx vertx) {
        this.permits = new Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.deadline = deadline;
        this.vertx = vertx;
    }

    /** A place for one download, or 503 when all are taken; {@link Read#close} gives it back. */
    Read start(HttpServerRequest request) {
        return start(() -> request.connection().close());
    }

    /** As {@link #start(HttpServerRequest)}, {@code cutOff} ending the download at its deadline. */
    Read start(Runnable cutOff) {
        if (!permits.tryAcquire()) {
            throw new ProblemException(ProblemType.OVERLOADED, maxConcurrent + " snapshots are being read, the most"
                    + " this hub serves at once; retry later", List.of());
        }
        Read read = new Read();
        read.timer = vertx.setTimer(deadline.toMillis(), id -> {
            LOG.warnf("A snapshot download was cut off after %s", deadline);
            cutOff.run();
            read.close();
        });
        return read;
    }

    /** One download in progress: its place is given back when it ends or is cut off, whichever comes first. */
    final class Read implements AutoCloseable {
        private long timer;
        private boolean closed;

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                vertx.cancelTimer(timer);
                permits.release();
            }
        }
    }
}

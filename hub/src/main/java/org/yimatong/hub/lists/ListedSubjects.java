package org.yimatong.hub.lists;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which subjects may be listed, held in memory ({@link SubjectFilter}), so that a green lookup or a verification of
 * a subject on no list (nearly all of them) costs no database round trip. The filter may say "maybe" for a subject
 * that is not listed (about 1 %; the database then answers), never "no" for one that is:
 * <ul>
 * <li>it is built from {@code list_entry} at start and again every {@code ymt.lists.listed-filter.rebuild-every}
 * (forgetting subjects no longer listed), while the changes that arrive meanwhile go into both filters;</li>
 * <li>every list change ({@code list_change}, in sequence order) is added: at once, before the batch's answer is
 * sent, on the instance that stored it ({@link ListChangesRecorded}), and within
 * {@code ymt.lists.listed-filter.follow-every} (250 ms) on every other instance, which follows the sequence.</li>
 * </ul>
 * Until the first build has finished, if it failed, and while the changes cannot be read, every subject is
 * "maybe". All reads of the database and changes of the filter run on one thread, in order.
 */
@ApplicationScoped
public class ListedSubjects {

    private static final Logger LOG = Logger.getLogger(ListedSubjects.class);
    private static final int PAGE = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Vertx vertx;
    private final Duration followEvery;
    private final ExecutorService serial = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ymt-listed-subjects");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean followQueued = new AtomicBoolean();
    private volatile SubjectFilter current;
    private volatile SubjectFilter building;
    /** True while the last catch-up failed: the filter may miss recent changes, so it rules nothing out. */
    private volatile boolean behind;
    private long applied; // the last list_change seq in the filter; only the serial thread touches it
    private volatile long timer = -1;

    public ListedSubjects(Pool pool, Vertx vertx,
            @ConfigProperty(name = "ymt.lists.listed-filter.follow-every",
                    defaultValue = "250ms") Duration followEvery) {
        this.pool = pool;
        this.vertx = vertx;
        this.followEvery = followEvery;
    }

    void onStart(@Observes StartupEvent event) {
        rebuild();
        timer = vertx.setPeriodic(followEvery.toMillis(), id -> follow());
    }

    /** False only when {@code sub} is certainly on no list. */
    public boolean mayBeListed(String sub) {
        SubjectFilter filter = current;
        return filter == null || behind || filter.mightContain(sub);
    }

    /** This instance stored changes: they are in the filter before the request that stored them is answered. */
    void changesRecorded(@Observes ListChangesRecorded recorded) {
        Future<?> done = serial.submit(this::catchUp);
        if (Context.isOnEventLoopThread()) {
            return; // never wait on the event loop; the follower is at most one period behind
        }
        try {
            done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Listed subjects not brought up to date after changes %d-%d: %s", recorded.fromSeq(),
                    recorded.toSeq(), e.toString());
        }
    }

    /** Follows the changes other instances (and hubs above, through replication) record. */
    private void follow() {
        if (followQueued.compareAndSet(false, true)) {
            serial.submit(() -> {
                followQueued.set(false);
                catchUp();
            });
        }
    }

    /** Builds a new filter from the entries as they are and swaps it in; the old one answers meanwhile. */
    @Scheduled(every = "{ymt.lists.listed-filter.rebuild-every:1h}",
            delayed = "{ymt.lists.listed-filter.rebuild-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rebuild() {
        try {
            long entries = pool.query("select count(*) from list_entry").execute().await().atMost(WAIT)
                    .iterator().next().getLong(0);
            SubjectFilter next = new SubjectFilter(Math.max(1_000_000, 2 * entries));
            // from here on every change caught up goes into the new filter too, so none is missed between the
            // snapshot below and the swap
            serial.submit(() -> {
                building = next;
                if (current == null) {
                    // the first build: the changes recorded so far are all in the snapshot below
                    applied = pool.query("select coalesce(max(seq), 0) from list_change").execute()
                            .await().atMost(WAIT).iterator().next().getLong(0);
                }
                return null;
            }).get();
            long[] count = { 0 };
            pool.withTransaction(connection -> connection.prepare("select sub from list_entry")
                    .onItem().transformToMulti(statement -> statement.createStream(PAGE).toMulti())
                    .onItem().invoke(row -> {
                        next.add(row.getString(0));
                        count[0]++;
                    })
                    .collect().last())
                    .await().atMost(WAIT.multipliedBy(20));
            serial.submit(() -> {
                catchUp();
                current = next;
                building = null;
            }).get();
            LOG.infof("Listed subjects: %d entries in a filter of %d KiB", count[0], next.sizeInBytes() / 1024);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException e) {
            serial.submit(() -> building = null);
            LOG.warnf("Listed subjects not rebuilt (the previous filter, or the database, answers): %s", e.toString());
        }
    }

    /** On the serial thread: adds every change recorded since the last one applied. */
    private void catchUp() {
        try {
            while (true) {
                RowSet<Row> page = pool.preparedQuery("select seq, sub from list_change where seq > $1"
                        + " and op <> 'REMOVED' order by seq limit " + PAGE)
                        .execute(Tuple.of(applied)).await().atMost(WAIT);
                SubjectFilter now = current;
                SubjectFilter next = building;
                long last = applied;
                for (Row row : page) {
                    String sub = row.getString("sub");
                    if (now != null) {
                        now.add(sub);
                    }
                    if (next != null) {
                        next.add(sub);
                    }
                    last = row.getLong("seq");
                }
                applied = last;
                if (page.size() < PAGE) {
                    behind = false;
                    return;
                }
            }
        } catch (RuntimeException e) {
            behind = true;
            LOG.debugf("Listed subjects not caught up: %s", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        serial.shutdownNow();
    }
}

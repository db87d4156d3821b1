package org.yimatong.hub.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Many requests' statements as one: while one batch is in flight, the items that arrive queue up and go in the next
 * single call of {@code run}, which starts as soon as the previous batch's answers have been handed to their callers
 * (no timer). An idle hub runs each item at once; a busy one pays one database round trip per batch,
 * not per request, and never holds a thread while it waits. Batches run one at a time, in arrival order, so
 * {@code run} may keep state between them (the audit chain's head does). A bad item fails alone (REQ-ERR-2): when a
 * batch of several fails, its items run again one by one, in order, so only the guilty one fails.
 *
 * @param <I> what a request hands in
 * @param <O> what it gets back; {@code run} answers one per item, in the items' order
 */
public final class GroupCommit<I, O> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private final String what;
    private final int maxBatch;
    private final Function<List<I>, Uni<List<O>>> run;
    private final ConcurrentLinkedQueue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushing = new AtomicBoolean();

    /**
     * @param what names the items in the log line of a failed batch
     * @param run the batch's statement; it answers one result per item, in order
     */
    public GroupCommit(String what, int maxBatch, Function<List<I>, Uni<List<O>>> run) {
        this.what = what;
        this.maxBatch = maxBatch;
        this.run = run;
    }

    /** Completes with this item's result once its batch ran; fails if this item could not be run. */
    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending<>(item, emitter));
            flushIfIdle();
        });
    }

    private void flushIfIdle() {
        if (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
            flush();
        }
    }

    private void flush() {
        List<Pending<I, O>> batch = new ArrayList<>();
        for (Pending<I, O> p; batch.size() < maxBatch && (p = queue.poll()) != null;) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            flushing.set(false);
            flushIfIdle(); // an item may have arrived between poll() and set(false)
            return;
        }
        Uni<List<O>> results;
        try {
            results = run.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        results.subscribe().with(
                answers -> {
                    // the callers' own work runs first, so what it submits in turn joins the next batch: starting the
                    // next batch first was measured (bench/RESULTS.md, 2026-12-07) at 25 % fewer green lookups
                    try {
                        complete(batch, answers);
                    } finally {
                        flush();
                    }
                },
                failure -> {
                    if (batch.size() == 1) {
                        try {
                            fail(batch, failure);
                        } finally {
                            flush();
                        }
                    } else {
                        LOG.warnf("A batch of %d %s failed (%s); running them one by one", batch.size(), what,
                                failure.toString());
                        oneByOne(batch, 0);
                    }
                });
    }

    private void complete(List<Pending<I, O>> batch, List<O> answers) {
        if (answers.size() != batch.size()) {
            fail(batch, new IllegalStateException(answers.size() + " results for " + batch.size() + " " + what));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                batch.get(i).emitter().complete(answers.get(i));
            } catch (RuntimeException e) {
                // a caller's own continuation threw: its request fails with it, the others are still answered
                LOG.debugf("A caller of %s failed on its answer: %s", what, e);
            }
        }
    }

    /** Runs {@code batch} from {@code index} on, an item at a time, then the next batch. */
    private void oneByOne(List<Pending<I, O>> batch, int index) {
        if (index == batch.size()) {
            flush();
            return;
        }
        Pending<I, O> alone = batch.get(index);
        Uni<List<O>> result;
        try {
            result = run.apply(List.of(alone.item()));
        } catch (RuntimeException e) {
            result = Uni.createFrom().failure(e);
        }
        result.subscribe().with(answers -> {
            complete(List.of(alone), answers);
            oneByOne(batch, index + 1);
        }, failure -> {
            fail(List.of(alone), failure);
            oneByOne(batch, index + 1);
        });
    }

    private void fail(List<Pending<I, O>> batch, Throwable failure) {
        LOG.warnf("%d %s failed, their requests with them: %s", batch.size(), what, failure.toString());
        batch.forEach(p -> p.emitter().fail(failure));
    }

    private record Pending<I, O>(I item, UniEmitter<? super O> emitter) {}
}

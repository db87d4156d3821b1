package org.yimatong.conformance.engine;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.http.RecordingHttp;
import org.yimatong.conformance.http.Redaction;

/**
 * Runs tests of one plan against one target, one after the other in id order, each on its own thread under the
 * configured timeout. A test that fails, throws or hangs is recorded as FAILED and the run goes on: one broken test
 * never stops the others.
 */
public final class PlanRunner {

    private final RunConfig config;
    private final Counterpart counterpart;

    /**
     * @param config the run's configuration; its target entity id must be known (configured or discovered)
     * @param counterpart the side the suite plays, started; the caller closes it
     */
    public PlanRunner(RunConfig config, Counterpart counterpart) {
        this.config = config;
        this.counterpart = counterpart;
    }

    public RunResult run(List<TestDefinition> tests) {
        List<TestDefinition> ordered = new ArrayList<>(tests);
        ordered.sort(Comparator.comparing(TestDefinition::id));
        HttpClient client = RecordingHttp.newClient(config.timeouts().request());
        RunScope scope = new RunScope();
        Instant started = Instant.now();
        List<TestResult> results = new ArrayList<>();
        for (TestDefinition test : ordered) {
            results.add(runOne(test, new TestContext(test, config, counterpart, scope, client)));
        }
        return new RunResult(config.plan(), config.baseUrl(), config.targetEntityId(), config.target().development(),
                started, Instant.now(),
                results);
    }

    private TestResult runOne(TestDefinition test, TestContext ctx) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Duration limit = config.timeouts().test();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                test.body().run(ctx);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "ymt-conformance-" + test.id());
        worker.setDaemon(true);
        worker.start();
        Outcome outcome;
        String message;
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            outcome = Outcome.PASSED;
            message = "";
        } catch (TimeoutException e) {
            worker.interrupt();
            outcome = Outcome.FAILED;
            message = "did not finish within " + limit.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.interrupt();
            outcome = Outcome.FAILED;
            message = "the run was interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TestSkipped skipped) {
                outcome = Outcome.SKIPPED;
                message = skipped.getMessage();
            } else if (cause instanceof ConformanceFailure failure) {
                outcome = Outcome.FAILED;
                message = failure.getMessage();
            } else {
                // the test itself broke: still a failure of this test only, said as such
                outcome = Outcome.FAILED;
                message = "the test could not complete: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            }
        }
        return new TestResult(test, outcome, Redaction.text(message), started,
                Duration.ofNanos(System.nanoTime() - start), ctx.notes(), ctx.exchanges());
    }
}

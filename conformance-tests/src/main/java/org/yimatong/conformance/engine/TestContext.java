package org.yimatong.conformance.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.http.RecordedExchange;
import org.yimatong.conformance.http.RecordingHttp;

/**
 * What a test gets: the run's configuration, a recording HTTP client aimed at the target, the counterpart the suite
 * plays (its identity, keys and listener), values shared across the run, and ways to skip or leave a note. One per
 * test; everything it records goes to that test's result.
 */
public final class TestContext {

    private final TestDefinition test;
    private final RunConfig config;
    private final Counterpart counterpart;
    private final RunScope run;
    private final RecordingHttp http;
    private final List<RecordedExchange> exchanges;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    public TestContext(TestDefinition test, RunConfig config, Counterpart counterpart, RunScope run,
            HttpClient client) {
        this.test = test;
        this.config = config;
        this.counterpart = counterpart;
        this.run = run;
        this.exchanges = Collections.synchronizedList(new ArrayList<>());
        this.http = new RecordingHttp(client, config.baseUrl(), config.timeouts().request(), exchanges,
                () -> counterpart.self().assertionFor(config.targetEntityId()));
    }

    /** The test being run. */
    public TestDefinition test() {
        return test;
    }

    public RunConfig config() {
        return config;
    }

    /** The target's base URL. */
    public URI baseUrl() {
        return config.baseUrl();
    }

    /** The target's entity id (configured or discovered before the run). */
    public String targetEntityId() {
        return config.targetEntityId();
    }

    /**
     * The recording HTTP client: paths resolve against the target's base URL;
     * {@code .withClientAssertion()} signs as the counterpart for the target's entity id.
     */
    public RecordingHttp http() {
        return http;
    }

    /** The side the suite plays, with its identity, keys and listener. */
    public Counterpart counterpart() {
        return counterpart;
    }

    /** Values computed once per run and shared by its tests. */
    public RunScope run() {
        return run;
    }

    /**
     * Ends the test as SKIPPED. Only for a capability the configuration says the target lacks (or an optional
     * fixture), never to hide a failure: the reason goes into the report.
     */
    public TestSkipped skip(String reason) {
        throw new TestSkipped(reason);
    }

    /** A line for the report (what was checked, a measured value). */
    public void note(String line) {
        notes.add(line);
    }

    List<RecordedExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }
}

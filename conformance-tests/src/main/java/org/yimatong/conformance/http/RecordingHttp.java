package org.yimatong.conformance.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The suite's HTTP client for one test: relative paths resolve against the target's base URL, absolute URLs go
 * where they say (fixture API, the target's discovered endpoints). Every exchange, answered or not, is redacted and
 * added to the test's record. Thread-safe; one JDK {@link HttpClient} is shared by a whole run.
 */
public final class RecordingHttp {

    private final HttpClient client;
    private final URI baseUrl;
    private final Duration timeout;
    private final List<RecordedExchange> record;
    private final Supplier<String> clientAssertion;

    /**
     * @param record where exchanges go (a synchronized list)
     * @param clientAssertion makes a fresh {@code Ymt-Client-Assertion} for {@link HttpCall#withClientAssertion()}
     */
    public RecordingHttp(HttpClient client, URI baseUrl, Duration timeout, List<RecordedExchange> record,
            Supplier<String> clientAssertion) {
        this.client = Objects.requireNonNull(client);
        this.baseUrl = Objects.requireNonNull(baseUrl);
        this.timeout = timeout;
        this.record = record;
        this.clientAssertion = clientAssertion;
    }

    /** A JDK client fit for a run: HTTP/1.1 (what members serve), no redirects followed, a connect timeout. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).build();
    }

    public HttpCall get(String pathOrUrl) {
        return request("GET", pathOrUrl);
    }

    public HttpCall post(String pathOrUrl) {
        return request("POST", pathOrUrl);
    }

    public HttpCall request(String method, String pathOrUrl) {
        return new HttpCall(this, method, resolve(pathOrUrl));
    }

    /** The target's base URL (no trailing slash). */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Adds an exchange the suite did not make itself (e.g. a call the target made to the counterpart). */
    public void note(RecordedExchange exchange) {
        record.add(exchange);
    }

    URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
            return URI.create(pathOrUrl);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + (pathOrUrl.startsWith("/") ? pathOrUrl : "/" + pathOrUrl));
    }

    HttpClient client() {
        return client;
    }

    Duration timeout() {
        return timeout;
    }

    String newClientAssertion() {
        if (clientAssertion == null) {
            throw new IllegalStateException("this run has no identity to sign client assertions with");
        }
        return clientAssertion.get();
    }
}

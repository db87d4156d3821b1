package org.yimatong.conformance.counterpart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yimatong.conformance.http.RecordedExchange;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The counterpart's HTTP listener: an embedded WireMock on 127.0.0.1 where the target's calls to the suite arrive
 * (testing a member: the hub's {@code /v1/jwks}, {@code /v1/lists/key}, batch uploads; testing a hub: the members'
 * {@code /member/v1/...}). Answers are stubbed with {@link #answer}; what arrived is read with {@link #received}.
 * {@link #wireMock()} is the escape hatch for anything richer (scenarios, delays, faults).
 */
public final class CounterpartServer implements AutoCloseable {

    private final WireMockServer server;

    private CounterpartServer(WireMockServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public static CounterpartServer start(int port) {
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1")
                .containerThreads(8).jettyAcceptors(1).notifier(new ConsoleNotifier(false))
                .extensionScanningEnabled(false).templatingEnabled(false).stubCorsEnabled(false);
        options = port == 0 ? options.dynamicPort() : options.port(port);
        WireMockServer server = new WireMockServer(options);
        server.start();
        return new CounterpartServer(server);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** From now on, {@code method path} (exact path, any query) answers {@code status} with {@code body}. */
    public void answer(String method, String path, int status, String contentType, String body) {
        server.stubFor(request(method, urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    /** Requests that arrived for {@code method path} (exact path), oldest first. */
    public List<ReceivedRequest> received(String method, String path) {
        return server.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getMethod().value().equals(method) && pathOf(r.getUrl()).equals(path))
                .map(CounterpartServer::toReceived).toList();
    }

    /** Every request that arrived, oldest first. */
    public List<ReceivedRequest> receivedAll() {
        return server.findAll(anyRequestedFor(anyUrl())).stream().map(CounterpartServer::toReceived).toList();
    }

    /** Forgets the requests received so far (stubs stay). */
    public void forgetReceived() {
        server.resetRequests();
    }

    public WireMockServer wireMock() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * A request the target made to the counterpart, unredacted (only {@link #recorded()} is fit for a report).
     *
     * @param url path and query as sent
     */
    public record ReceivedRequest(Instant at, String method, String url, Map<String, List<String>> headers,
            byte[] body) {

        /** The first value of a header (case-insensitive name), or {@code null}. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The path without the query. */
        public String path() {
            return pathOf(url);
        }

        /** This request as a redacted INBOUND exchange (the stubbed answer is not repeated). */
        public RecordedExchange recorded() {
            return RecordedExchange.redacted(RecordedExchange.Direction.INBOUND, at, method, url, headers, body,
                    header("Content-Type"), 0, Map.of(), new byte[0], null, Duration.ZERO.toMillis(), null);
        }
    }

    private static ReceivedRequest toReceived(LoggedRequest r) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader h : r.getHeaders().all()) {
            headers.put(h.key(), new ArrayList<>(h.values()));
        }
        return new ReceivedRequest(r.getLoggedDate().toInstant(), r.getMethod().value(), r.getUrl(), headers,
                r.getBody());
    }

    private static String pathOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

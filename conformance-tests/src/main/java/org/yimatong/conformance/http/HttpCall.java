package org.yimatong.conformance.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.yimatong.conformance.engine.ConformanceFailure;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.payload.PayloadJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request being built: headers, a body, then {@link #send()}. A request the target does not answer (refused,
 * reset, timed out) is recorded and fails the test with a message saying so.
 */
public final class HttpCall {

    private final RecordingHttp http;
    private final String method;
    private final URI url;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private String contentType;
    private Duration timeout;

    HttpCall(RecordingHttp http, String method, URI url) {
        this.http = http;
        this.method = method;
        this.url = url;
        this.timeout = http.timeout();
    }

    public HttpCall header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public HttpCall accept(String mediaTypes) {
        return header("Accept", mediaTypes);
    }

    /** A fresh {@code Ymt-Client-Assertion} of the suite's own identity (the hub, when testing a member). */
    public HttpCall withClientAssertion() {
        return header(ClientAssertion.HEADER, http.newClientAssertion());
    }

    /** A JSON body: a {@link JsonNode}, a payload record (written as the contract's Jackson settings say) or text. */
    public HttpCall json(Object value) {
        byte[] bytes;
        if (value instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = PayloadJson.mapper().writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass(), e);
            }
        }
        return body(bytes, "application/json");
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    public HttpCall form(Map<String, String> fields) {
        String encoded = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return body(encoded.getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    /** Any body; {@code contentType} may be {@code null} to send none. */
    public HttpCall body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        this.contentType = contentType;
        return this;
    }

    /** Overrides the run's per-request timeout for this call. */
    public HttpCall timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /**
     * Sends and records the exchange.
     *
     * @throws ConformanceFailure if no answer came (connection refused, reset, timeout)
     */
    public HttpAnswer send() {
        Map<String, List<String>> sentHeaders = new LinkedHashMap<>(headers);
        if (contentType != null) {
            sentHeaders.putIfAbsent("Content-Type", List.of(contentType));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, body.length == 0 && contentType == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        sentHeaders.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        String what = method + " " + url.getRawPath();
        Instant at = Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.client().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Map<String, List<String>> answerHeaders = response.headers().map();
            String answerType = response.headers().firstValue("Content-Type").orElse(null);
            http.note(RecordedExchange.redacted(RecordedExchange.Direction.OUTBOUND, at, method, url.toString(),
                    sentHeaders, body, contentType, response.statusCode(), answerHeaders, response.body(), answerType,
                    elapsed.toMillis(), null));
            return new HttpAnswer(what, response.statusCode(), answerHeaders, response.body(), elapsed);
        } catch (IOException e) {
            String why = describe(e);
            http.note(RecordedExchange.redacted(RecordedExchange.Direction.OUTBOUND, at, method, url.toString(),
                    sentHeaders, body, contentType, 0, Map.of(), new byte[0], null,
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), why));
            throw new ConformanceFailure(what + ": no answer from " + url.getHost() + ":" + url.getPort() + " ("
                    + why + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConformanceFailure(what + ": interrupted (the test ran out of time)", e);
        }
    }

    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

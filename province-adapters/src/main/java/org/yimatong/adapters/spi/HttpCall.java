package org.yimatong.adapters.spi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request an adapter (or the hub) sends to another node through {@link MemberHttp}: method, absolute URI,
 * headers in order, body, the total time the exchange may take (connect, send and the whole answer) and, for long
 * answers, how long the node may keep silent ({@code idleTimeout}: the time to start answering and the longest pause
 * after; the total time when not set).
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
        Duration idleTimeout) {

    private static final Duration UNSET = Duration.ofSeconds(30);

    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
        timeout = timeout == null ? UNSET : timeout;
        idleTimeout = idleTimeout == null || idleTimeout.compareTo(timeout) > 0 ? timeout : idleTimeout;
    }

    public static HttpCall get(URI uri) {
        return new HttpCall("GET", uri, Map.of(), null, null, null);
    }

    public static HttpCall post(URI uri, String contentType, byte[] body) {
        return new HttpCall("POST", uri, Map.of("Content-Type", contentType), body, null, null);
    }

    public static HttpCall post(URI uri, String contentType, String body) {
        return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** This call with one more header (a header already set is replaced). */
    public HttpCall header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpCall(method, uri, more, body, timeout, idleTimeout);
    }

    /** This call with {@code all} headers added. */
    public HttpCall headers(Map<String, String> all) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putAll(all);
        return new HttpCall(method, uri, more, body, timeout, idleTimeout);
    }

    /** This call with a total timeout (and no idle timeout of its own). */
    public HttpCall timeout(Duration total) {
        return new HttpCall(method, uri, headers, body, total, null);
    }

    /** This call with the total timeout {@code total}, the node silent for at most {@code idle}. */
    public HttpCall timeouts(Duration total, Duration idle) {
        return new HttpCall(method, uri, headers, body, total, idle);
    }

    public HttpCall withBody(byte[] newBody) {
        return new HttpCall(method, uri, headers, newBody, timeout, idleTimeout);
    }
}

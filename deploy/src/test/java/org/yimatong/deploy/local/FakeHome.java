package org.yimatong.deploy.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One data centre of a home platform as the hub sees it: it answers verifications of its codes GREEN (or, while
 * {@link #hanging} is set, takes them and never answers), takes appeals, list-change callbacks and venue scans (or
 * answers each 503 while its {@code ...Down} flag is set), and counts everything it received, so a test can tell what
 * reached it and how often. {@link #close()} is the data centre going away.
 */
final class FakeHome implements AutoCloseable {

    private final String memberId;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    final AtomicInteger verifications = new AtomicInteger();
    /** Verifications taken while {@link #hanging} and never answered. */
    final AtomicInteger hungVerifications = new AtomicInteger();
    /** Appeals taken, by the hub's {@code Ymt-Appeal-Id}, and how many times each arrived. */
    final Map<String, Integer> appeals = new ConcurrentHashMap<>();
    /** The {@code latestSeq} of every list-change notification taken, in arrival order. */
    final List<Long> callbacks = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The {@code latestSeq} of every list-change notification refused (503) while {@link #callbacksDown}. */
    final List<Long> refusedCallbacks = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Venue scans taken, by the hub's {@code scanId}, and how many times each arrived. */
    final Map<String, Integer> venueScans = new ConcurrentHashMap<>();
    /** Venue scan deliveries refused (503) while {@link #venueScansDown}. */
    final AtomicInteger refusedVenueScans = new AtomicInteger();
    volatile boolean appealsDown;
    volatile boolean callbacksDown;
    volatile boolean venueScansDown;
    /** Verifications are read and then left unanswered: the data centre accepts connections but hangs. */
    volatile boolean hanging;
    private final List<HttpExchange> hung = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeHome(String memberId) throws IOException {
        this.memberId = memberId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/home/member/v1/verifications", this::verify);
        server.createContext("/home/member/v1/appeals", this::appeal);
        server.createContext("/home/member/v1/venue-scans", this::venueScan);
        server.createContext("/home/callbacks", this::callback);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/home");
    }

    private void verify(HttpExchange exchange) throws IOException {
        drain(exchange);
        if (hanging) {
            // kept open and never answered (no thread waits on it): the caller's timeout is all that ends it
            hungVerifications.incrementAndGet();
            hung.add(exchange);
            return;
        }
        verifications.incrementAndGet();
        Instant now = Instant.now();
        answer(exchange, 200, """
                {"status":"GREEN","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s"}"""
                .formatted(memberId, now, now.plusSeconds(60)));
    }

    private void appeal(HttpExchange exchange) throws IOException {
        drain(exchange);
        if (appealsDown) {
            answer(exchange, 503, "{}");
            return;
        }
        String id = exchange.getRequestHeaders().getFirst("Ymt-Appeal-Id");
        appeals.merge(id, 1, Integer::sum);
        answer(exchange, 202, """
                {"homeReference":"ref-%s","receivedAt":"%s"}""".formatted(id, Instant.now()));
    }

    private void venueScan(HttpExchange exchange) throws IOException {
        JsonNode scan = read(exchange);
        if (venueScansDown) {
            refusedVenueScans.incrementAndGet();
            answer(exchange, 503, "{}");
            return;
        }
        venueScans.merge(scan.path("scanId").asText(), 1, Integer::sum);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void callback(HttpExchange exchange) throws IOException {
        JsonNode notification = read(exchange);
        if (callbacksDown) {
            refusedCallbacks.add(notification.path("latestSeq").asLong());
            answer(exchange, 503, "{}");
            return;
        }
        callbacks.add(notification.path("latestSeq").asLong());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static JsonNode read(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            return Calls.JSON.readTree(body);
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        synchronized (hung) {
            hung.forEach(HttpExchange::close);
            hung.clear();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}

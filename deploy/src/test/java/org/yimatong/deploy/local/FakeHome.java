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
 * One data centre of a home platform as the hub sees it: it answers verifications of its codes GREEN, takes
 * appeals (or answers 503 while {@link #appealsDown} is set) and list-change callbacks, and counts everything it
 * received, so a test can tell what reached it and how often. {@link #close()} is the data centre going away.
 */
final class FakeHome implements AutoCloseable {

    private final String memberId;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    final AtomicInteger verifications = new AtomicInteger();
    /** Appeals taken, by the hub's {@code Ymt-Appeal-Id}, and how many times each arrived. */
    final Map<String, Integer> appeals = new ConcurrentHashMap<>();
    /** The {@code latestSeq} of every list-change notification, in arrival order. */
    final List<Long> callbacks = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean appealsDown;

    FakeHome(String memberId) throws IOException {
        this.memberId = memberId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/home/member/v1/verifications", this::verify);
        server.createContext("/home/member/v1/appeals", this::appeal);
        server.createContext("/home/callbacks", this::callback);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/home");
    }

    private void verify(HttpExchange exchange) throws IOException {
        drain(exchange);
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

    private void callback(HttpExchange exchange) throws IOException {
        JsonNode notification;
        try (InputStream body = exchange.getRequestBody()) {
            notification = Calls.JSON.readTree(body);
        }
        callbacks.add(notification.path("latestSeq").asLong());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
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
        server.stop(0);
        threads.shutdownNow();
    }
}

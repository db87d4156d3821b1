package org.yimatong.adapters.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.yimatong.schemas.canonical.StrictJson;

/**
 * A simulator started on port 0 for one test, with a small HTTP client that keeps every answer body it read, so a
 * test can scan them all afterwards.
 */
final class RunningSimulator implements AutoCloseable {

    final MemberSimulator sim;
    final List<String> bodies = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer: status, content type, body text. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return StrictJson.read(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private RunningSimulator(MemberSimulator sim) {
        this.sim = sim;
    }

    static RunningSimulator start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--residents", "30", "--seed", "7"));
        all.addAll(List.of(args));
        return new RunningSimulator(MemberSimulator.start(SimulatorOptions.parse(all.toArray(String[]::new))));
    }

    URI uri(String path) {
        return URI.create(sim.baseUrl() + path);
    }

    URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + sim.adminPort() + path);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, Map.of());
    }

    Answer post(String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        return post(uri(path), "application/json", json, headers);
    }

    Answer post(URI uri, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), headers);
    }

    Answer send(HttpRequest.Builder request, Map<String, String> headers) throws IOException, InterruptedException {
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        synchronized (bodies) {
            bodies.add(response.body());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** A verification request body for {@code code}. */
    static String verification(String code) {
        return "{\"code\":\"" + code + "\",\"checkpoint\":{\"id\":\"gate-7\",\"region\":\"620102\","
                + "\"kind\":\"STATION\"},\"purpose\":\"travel\"}";
    }

    @Override
    public void close() {
        sim.close();
    }
}

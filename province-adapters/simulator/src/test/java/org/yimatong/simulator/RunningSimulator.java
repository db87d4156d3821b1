package org.yimatong.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** As {@link #start}, on {@code clock}. */
    static RunningSimulator start(Clock clock, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--residents", "30", "--seed", "7"));
        all.addAll(List.of(args));
        return new RunningSimulator(MemberSimulator.start(SimulatorOptions.parse(all.toArray(String[]::new)), clock));
    }

    /**
     * As {@link #start}, with {@code --list-key} {@link #LIST_KEY}: a test that knows the key computes the expected
     * pseudonyms from a resident's ID number itself, instead of trusting the simulator's own key.
     */
    static RunningSimulator startWithTestKey(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--list-key", Base64Url.encode(LIST_KEY)));
        return start(all.toArray(String[]::new));
    }

    /** The list key of {@link #startWithTestKey}: 32 random bytes drawn once per test run. */
    static final byte[] LIST_KEY = randomKey();

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The list pseudonym of resident {@code n} under {@code key}, from its ID number. */
    String pseudonym(int n, byte[] key) {
        return sim.population().byNumber(n).orElseThrow().idNumber().pseudonym(key);
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
                + "\"kind\":\"STATION\"},\"purpose\":\"station-entry\"}";
    }

    /** A verification request body for {@code code} asking to see {@code disclose} (a JSON array). */
    static String verification(String code, String disclose) {
        return "{\"code\":\"" + code + "\",\"checkpoint\":{\"id\":\"gate-7\",\"region\":\"620102\","
                + "\"kind\":\"STATION\"},\"purpose\":\"hospital-visit\",\"disclose\":" + disclose + "}";
    }

    @Override
    public void close() {
        sim.close();
    }
}

package org.yimatong.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The scenario's HTTP calls: JSON in and out, each answer kept in the work folder for the reader. */
final class Calls {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, the body (parsed if JSON, else missing), its text, how long it took, and its headers. */
    record Answer(int status, JsonNode json, String text, long millis, HttpHeaders headers) {

        String field(String name) {
            return json.path(name).asText("");
        }

        /** The first value of header {@code name}, or empty text. */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path work;
    private int saved;

    Calls(Path work) {
        this.work = work;
    }

    Answer get(URI url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder get = HttpRequest.newBuilder(url).GET();
        headers.forEach(get::header);
        return send(get, "get");
    }

    Answer get(URI url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url).GET(), "get");
    }

    Answer postJson(URI url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(post::header);
        return send(post, "post");
    }

    Answer putJson(URI url, String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(put::header);
        return send(put, "put");
    }

    Answer postForm(URI url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "form");
    }

    /** A fresh client assertion of {@code caller} for {@code audience}, signed with the caller's key file. */
    static String assertion(Path keyFile, String caller, String audience) throws IOException {
        return ClientAssertion.sign(Jwk.parse(Files.readString(keyFile)), caller, audience, Instant.now());
    }

    /** Whether anything answers at {@code url} within a second. */
    boolean answers(URI url) throws InterruptedException {
        try {
            http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Answer send(HttpRequest.Builder request, String kind) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = MissingNode.getInstance();
        }
        Files.writeString(work.resolve(String.format("call-%03d-%s.txt", ++saved, kind)),
                response.request().method() + " " + response.request().uri() + "\nHTTP " + response.statusCode()
                        + " in " + millis + " ms\n\n" + response.body());
        return new Answer(response.statusCode(), json, response.body(), millis, response.headers());
    }
}

package org.yimatong.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.deploy.local.Calls.Answer;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One hub process as an operator starts it (DESIGN.md §14): declared production without TLS it refuses to start;
 * with {@code YMT_LOG_JSON} its log lines are JSON carrying the trace id of the request they belong to, which is the
 * trace id the calling checkpoint sent and the one the home platform receives; its spans reach an OTLP collector only
 * when {@code YMT_OTEL_ENDPOINT} names one, never by default (even with Quarkus's own exporter pointed somewhere).
 */
class HubProcessIT {

    private static final String HUB = "ymt:hub:process";
    private static final String HOME = "ymt:member:310000";
    private static final String CHECKPOINT = "ymt:member:checkpoint-app";
    private static final String ADMIN_TOKEN = "process-" + Long.toHexString(new SecureRandom().nextLong());
    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final Jwk CHECKPOINT_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final Duration START = Duration.ofSeconds(180);

    private static Path work;
    private static Processes processes;
    private static Calls calls;
    private static Recorder home;
    private static Recorder collector;

    @BeforeAll
    static void start() throws IOException {
        Path repo = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
        work = repo.resolve("deploy/target/hub-process-it");
        deleteRecursively(work);
        processes = new Processes(repo, work, START, "");
        calls = new Calls(Files.createDirectories(work.resolve("calls")));
        home = new Recorder("/home/member/v1/verifications", """
                {"status":"GREEN","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s"}""");
        collector = new Recorder("/", null);
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
        for (Recorder recorder : new Recorder[]{ home, collector }) {
            if (recorder != null) {
                recorder.close();
            }
        }
    }

    @Test
    void aProductionHubWithoutTlsRefusesToStartAndSaysWhy() throws Exception {
        Processes.Hub hub = processes.startHub("production", HUB, Files.createDirectories(work.resolve("production")
                .resolve("home")),
                Map.of("YMT_HUB_DEPLOYMENT", "production"), ADMIN_TOKEN, List.of());
        assertTrue(hub.process().waitFor(START.toSeconds(), TimeUnit.SECONDS), "the hub stopped by itself");
        String log = Files.readString(hub.log());
        assertNotEquals(0, hub.process().exitValue(), log);
        assertTrue(log.contains("ymt.hub.deployment=production, but") && log.contains("no TLS key store"), log);
    }

    @Test
    void jsonLogLinesAndExportedSpansCarryTheCheckpointsTraceId() throws Exception {
        Processes.Hub hub = processes.startHub("traced", HUB, Files.createDirectories(work.resolve("traced").resolve(
                "home")), Map.of(
                        "YMT_LOG_JSON", "true", "YMT_OTEL_ENDPOINT", collector.url().toString()), ADMIN_TOKEN, List.of(
                                "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                                "-Dquarkus.otel.bsp.schedule.delay=100ms"));
        processes.awaitHealthy(hub);
        String traceId = verifyWithTrace(hub);

        JsonNode line = await(Duration.ofSeconds(20), () -> verificationLine(hub.log(), traceId)
                .map(HubProcessIT::json).orElse(null));
        assertEquals(traceId, line.at("/mdc/traceId").asText(), "the verification's log line is JSON: " + line);
        assertTrue(await(Duration.ofSeconds(20), () -> home.traceparents.stream().anyMatch(t -> t.split("-")[1]
                .equals(traceId)) ? Boolean.TRUE : null), "the home platform was called in the checkpoint's trace");
        byte[] id = HexFormat.of().parseHex(traceId);
        assertTrue(await(Duration.ofSeconds(20), () -> collector.bodies.stream().anyMatch(b -> contains(b, id))
                ? Boolean.TRUE : null), "the collector received the request's spans");
    }

    @Test
    void spansStayInTheHubUnlessAnEndpointIsConfigured() throws Exception {
        Recorder quarkusDefault = new Recorder("/", null);
        try {
            // Quarkus's own exporter setting points at a live collector, but YMT_OTEL_ENDPOINT is unset
            Processes.Hub hub = processes.startHub("untraced", HUB, Files.createDirectories(work.resolve("untraced")
                    .resolve("home")),
                    Map.of(), ADMIN_TOKEN, List.of("-Dquarkus.otel.exporter.otlp.traces.endpoint=" + quarkusDefault
                            .url(), "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                            "-Dquarkus.otel.bsp.schedule.delay=100ms"));
            processes.awaitHealthy(hub);
            String traceId = verifyWithTrace(hub);
            // the plain log line names the trace: spans were made, and batches of them would have gone by now
            await(Duration.ofSeconds(20), () -> verificationLine(hub.log(), traceId).orElse(null));
            // stopping flushes the span processor: whatever an exporter held would be sent now
            processes.stop(hub);
            assertEquals(List.of(), quarkusDefault.paths, "no span left the hub");
        } finally {
            quarkusDefault.close();
        }
    }

    /** Registers the home and the checkpoint at {@code hub} and verifies a fresh code in a new trace; its id. */
    private static String verifyWithTrace(Processes.Hub hub) throws Exception {
        register(hub, HOME, List.of("31"), home.url() + "/home", HOME_KEY);
        register(hub, CHECKPOINT, List.of(), "http://127.0.0.1:9/none", CHECKPOINT_KEY);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        String jti = DynamicCodeCodec.newJti();
        String code = new DynamicCodeCodec().encode(new CodeClaims(HOME, "sub-" + jti, jti, Colour.GREEN, "310102",
                iat, iat.plusSeconds(60)), HOME_KEY);
        Answer answer = calls.postJson(hub.url().resolve("/v1/verifications"), """
                {"code":"%s","checkpoint":{"id":"gate-1","region":"310104","kind":"TRANSPORT"},"purpose":"entry"}"""
                .formatted(code), Map.of(ClientAssertion.HEADER, ClientAssertion.sign(CHECKPOINT_KEY, CHECKPOINT,
                        HUB, Instant.now()), "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(
                                randomBytes(8)) + "-01"));
        assertEquals(200, answer.status(), answer.text());
        assertEquals("GREEN", answer.field("status"), answer.text());
        return traceId;
    }

    private static void register(Processes.Hub hub, String id, List<String> prefixes, String baseUrl, Jwk key)
            throws Exception {
        String record = """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":%s,"parent":"%s",
                 "baseUrl":"%s","dialect":"v1","jwks":{"keys":[%s]},"status":"ACTIVE"}"""
                .formatted(id, id, Calls.JSON.writeValueAsString(prefixes), HUB, baseUrl, key.publicOnly().toJson());
        Answer answer = calls.putJson(hub.url().resolve("/v1/admin/members/" + id), record, Map.of("Authorization",
                "Bearer " + ADMIN_TOKEN));
        assertTrue(answer.status() == 200 || answer.status() == 201, answer.text());
    }

    /** The hub's one log line for the verification in trace {@code traceId}, once written. */
    private static Optional<String> verificationLine(Path log, String traceId) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("verification caller=") && l.contains(
                    traceId)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(String line) {
        try {
            return Calls.JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }

    private static <T> T await(Duration limit, Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        T found = value.get();
        while (found == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            found = value.get();
        }
        if (found == null) {
            throw new AssertionError("not seen within " + limit.toSeconds() + " s");
        }
        return found;
    }

    /** Whether the raw bytes {@code needle} (the trace id as protobuf carries it) occur in {@code haystack}. */
    private static boolean contains(byte[] haystack, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so a byte search is a string search
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle,
                StandardCharsets.ISO_8859_1));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * A loopback HTTP endpoint that keeps what it is sent: the paths, bodies and {@code traceparent} headers. With an
     * answer template it is a home platform answering GREEN; without, an OTLP collector taking span batches.
     */
    private static final class Recorder implements AutoCloseable {

        final List<String> paths = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
        final List<String> traceparents = Collections.synchronizedList(new ArrayList<>());
        private final HttpServer server;
        private final String answer;

        Recorder(String path, String answer) throws IOException {
            this.answer = answer;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext(path, this::take);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void take(HttpExchange exchange) throws IOException {
            try (InputStream body = exchange.getRequestBody()) {
                bodies.add(body.readAllBytes());
            }
            paths.add(exchange.getRequestURI().getPath());
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("traceparent")).ifPresent(traceparents::add);
            if (answer == null) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } else {
                Instant now = Instant.now();
                byte[] json = answer.formatted(HOME, now, now.plusSeconds(60)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            }
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

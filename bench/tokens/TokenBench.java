import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * PERF-4 (DESIGN.md §11): token exchange and introspection throughput of a running hub, and the raw sign and
 * verify rates of the token's algorithm in the same JVM, same run. Single file; run with the hub's libraries:
 *
 * <pre>
 * java -cp 'hub/target/quarkus-app/lib/main/*' bench/tokens/TokenBench.java raw --alg SM2 --seconds 5
 * java -cp ... TokenBench.java load --hub http://127.0.0.1:18090 --admin TOKEN --hub-id ymt:hub:bench --seconds 15
 * </pre>
 *
 * Prints {@code RESULT} lines ({@code key=value}); run.sh collects them.
 */
public class TokenBench {

    static final String LOGIN = "ymt:member:310000";
    static final String DEPARTMENT = "ymt:member:650100";
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args.length == 0 ? "" : args[0]) {
            case "raw" -> raw(SignatureProfile.fromJoseName(opts.getOrDefault("alg", "SM2")).orElseThrow(),
                    Integer.parseInt(opts.getOrDefault("seconds", "5")),
                    Integer.parseInt(opts.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors()))));
            case "load" -> load(opts);
            default -> {
                System.err.println("usage: TokenBench raw|load [--option value]...");
                System.exit(2);
            }
        }
    }

    // ---- raw rates: a hub token's signing input, signed and verified by the hub's own code path (Jwk) ----

    static void raw(SignatureProfile profile, int seconds, int threads) throws Exception {
        Jwk key = Jwk.generate(profile);
        byte[] input = sampleSigningInput(key);
        byte[] signature = key.sign(input);
        for (String op : List.of("verify", "sign")) {
            for (int t : threads == 1 ? List.of(1) : List.of(threads, 1)) {
                double rate = rate(t, seconds, () -> {
                    if (op.equals("verify")) {
                        if (!key.verify(input, signature)) {
                            throw new IllegalStateException("verify failed");
                        }
                    } else {
                        key.sign(input);
                    }
                });
                System.out.printf("RESULT raw op=%s alg=%s threads=%d rate=%.0f%n", op, profile.joseName(), t, rate);
            }
        }
    }

    /** The signing input of a typical hub token, so raw and hub figures hash the same amount of data. */
    static byte[] sampleSigningInput(Jwk key) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", "ymt:hub:bench").put("sub", "x".repeat(43)).put("aud", DEPARTMENT)
                .put("client_id", DEPARTMENT).put("acr", "urn:ymt:loa:substantial").put("auth_time", 1800000000L)
                .put("home", LOGIN).put("jti", "y".repeat(22)).put("iat", 1800000000L).put("exp", 1800000300L);
        return ParsedJws.parseCompact(JwsSigner.sign(key, "at+jwt", claims.toString().getBytes(StandardCharsets.UTF_8)))
                .signingInput();
    }

    static double rate(int threads, int seconds, Runnable op) throws Exception {
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < warmupEnd) {
                    op.run();
                }
                while (System.nanoTime() < end) {
                    op.run();
                    n++;
                }
                done.addAndGet(n);
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return done.get() / (double) seconds;
    }

    // ---- the hub under load ----

    static void load(Map<String, String> opts) throws Exception {
        String hub = opts.get("hub");
        String admin = opts.get("admin");
        String hubId = opts.getOrDefault("hub-id", "ymt:hub:bench");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "15"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "32"));
        int assertions = Integer.parseInt(opts.getOrDefault("assertions", "60000"));
        // "session": the department sends its session (REQ-AUTH-2) as Authorization: Bearer, no assertion per request
        boolean session = "session".equals(opts.getOrDefault("auth", "session"));
        SignatureProfile clientAlg = SignatureProfile.fromJoseName(opts.getOrDefault("client-alg", "EdDSA")).orElseThrow();

        Jwk login = Jwk.generate(SignatureProfile.SM2);
        Jwk department = Jwk.generate(clientAlg);
        register(hub, admin, hubId, LOGIN, login, "31");
        register(hub, admin, hubId, DEPARTMENT, department, "650100");

        // One ID token serves every exchange: the hub keeps no cache of subject tokens, it verifies each time.
        Instant now = Instant.now();
        ObjectNode id = JsonNodeFactory.instance.objectNode();
        id.put("iss", LOGIN).put("sub", "bench-person").put("aud", hubId).put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(3600).getEpochSecond()).put("auth_time", now.getEpochSecond())
                .put("acr", "urn:ymt:loa:substantial");
        String idToken = JwsSigner.sign(login, "JWT", id.toString().getBytes(StandardCharsets.UTF_8));

        long t0 = System.nanoTime();
        // with a session, every request carries the same bearer token: a list that never runs out
        List<String> exchangeAssertions = session ? java.util.Collections.nCopies(Integer.MAX_VALUE, null)
                : assertions(department, hubId, assertions);
        List<String> introspectAssertions = session ? exchangeAssertions : assertions(department, hubId, assertions);
        System.out.printf("RESULT gen auth=%s assertions=%d alg=%s seconds=%.1f%n", session ? "session" : "assertion",
                session ? 0 : 2 * assertions, clientAlg.joseName(), (System.nanoTime() - t0) / 1e9);
        String bearer = session ? "Bearer " + session(hub, hubId, department) : null;

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(concurrency)
                .setKeepAlive(true).setPipelining(false));
        URI base = URI.create(hub);
        String[] hubToken = new String[1];
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        if (warmup > 0) {
            // JIT, connection pools, the pairwise secret: the first seconds of a fresh hub are not its speed
            List<String> spare = session ? exchangeAssertions
                    : assertions(department, hubId, Math.min(assertions, warmup * 2000));
            run(client, base, "/v1/token", concurrency, warmup, spare, bearer, a -> exchangeForm(idToken, a), body -> {
            }).print("warmup-exchange");
        }
        Phase exchange = run(client, base, "/v1/token", concurrency, seconds, exchangeAssertions, bearer,
                a -> exchangeForm(idToken, a), body -> {
            if (hubToken[0] == null) {
                hubToken[0] = new io.vertx.core.json.JsonObject(body).getString("access_token");
            }
        });
        exchange.print("exchange");
        if (hubToken[0] == null) {
            System.out.println("RESULT introspect skipped=no-token-from-exchange");
        } else {
            Phase introspect = run(client, base, "/v1/introspect", concurrency, seconds, introspectAssertions, bearer,
                    a -> {
                MultiMap form = MultiMap.caseInsensitiveMultiMap();
                form.add("token", hubToken[0]);
                if (a != null) {
                    form.add("client_assertion_type", JWT_BEARER).add("client_assertion", a);
                }
                return form;
            }, body -> {
                if (!body.contains("\"active\":true")) {
                    throw new IllegalStateException("introspection answered " + body);
                }
            });
            introspect.print("introspect");
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static MultiMap exchangeForm(String idToken, String assertion) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        form.add("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange").add("subject_token", idToken)
                .add("subject_token_type", "urn:ietf:params:oauth:token-type:id_token").add("audience", DEPARTMENT);
        if (assertion != null) {
            form.add("client_assertion_type", JWT_BEARER).add("client_assertion", assertion);
        }
        return form;
    }

    /** The department's session token: one client assertion, POST /v1/token, client_credentials. */
    static String session(String hub, String hubId, Jwk department) throws Exception {
        String form = "grant_type=client_credentials&client_assertion_type="
                + java.net.URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8) + "&client_assertion="
                + ClientAssertion.sign(department, DEPARTMENT, hubId, Instant.now());
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(hub + "/v1/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST /v1/token (session) answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return new io.vertx.core.json.JsonObject(answer.body()).getString("access_token");
    }

    static List<String> assertions(Jwk key, String hubId, int n) {
        List<String> out = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            out.add(ClientAssertion.sign(key, DEPARTMENT, hubId, now));
        }
        return out;
    }

    record Phase(int ok, int failed, int seconds, String firstFailure, boolean ranOut) {
        void print(String name) {
            System.out.printf("RESULT %s ok=%d failed=%d seconds=%d rate=%.0f ran_out=%s%s%n", name, ok, failed, seconds,
                    ok / (double) seconds, ranOut, firstFailure == null ? "" : " first_failure=" + firstFailure);
        }
    }

    /** Closed loop: {@code concurrency} requests in flight, each answered one replaced by the next, for a while. */
    static Phase run(WebClient client, URI base, String path, int concurrency, int seconds, List<String> assertions,
            String bearer, java.util.function.Function<String, MultiMap> form,
            java.util.function.Consumer<String> check)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String[] firstFailure = new String[1];
        boolean[] ranOut = new boolean[1];
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Object() {
                void send() {
                    int n = next.getAndIncrement();
                    if (System.nanoTime() >= end || n >= assertions.size()) {
                        ranOut[0] |= n >= assertions.size();
                        finished.countDown();
                        return;
                    }
                    var request = client.post(base.getPort(), base.getHost(), path);
                    if (bearer != null) {
                        request.putHeader("Authorization", bearer);
                    }
                    request.sendForm(form.apply(assertions.get(n)))
                            .onComplete(result -> {
                                if (result.succeeded() && result.result().statusCode() == 200) {
                                    try {
                                        check.accept(result.result().bodyAsString());
                                        ok.incrementAndGet();
                                    } catch (RuntimeException e) {
                                        fail(e.getMessage());
                                    }
                                } else {
                                    fail(result.succeeded() ? result.result().statusCode() + ":"
                                            + String.valueOf(result.result().bodyAsString()).replace(' ', '_')
                                            : String.valueOf(result.cause()));
                                }
                                send();
                            });
                }

                void fail(String why) {
                    failed.incrementAndGet();
                    if (firstFailure[0] == null) {
                        firstFailure[0] = why.length() > 200 ? why.substring(0, 200) : why;
                    }
                }
            }.send();
        }
        finished.await(seconds + 30, TimeUnit.SECONDS);
        return new Phase(ok.get(), failed.get(), seconds, firstFailure[0], ranOut[0]);
    }

    static void register(String hub, String admin, String hubId, String id, Jwk key, String prefix) throws Exception {
        String body = """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":["%s"],"parent":"%s",
                 "baseUrl":"http://127.0.0.1:9/","dialect":"v1","jwks":%s,"status":"ACTIVE"}"""
                .formatted(id, id, prefix, hubId, new JwkSet(List.of(key.publicOnly())).toJson());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub
                + "/v1/admin/members/" + id)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("registering " + id + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}

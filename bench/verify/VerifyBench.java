import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.ParsedJws;

/**
 * The Java half of the PERF-1/PERF-2/PERF-5/PERF-6 benchmark (bench/verify/README.md). Run by hand, never in CI.
 * Needs exchange-schemas and its dependencies (Jackson, Bouncy Castle) on the class path, e.g.
 * {@code java -cp 'hub/target/quarkus-app/lib/main/*' bench/verify/VerifyBench.java <command> ...}.
 *
 * <pre>
 * keys   --dir D --hub-id ID --home-url URL [--caller-alg EdDSA]
 *        fixed key pairs (created once in D/keys), member JWKS files, admin registration bodies
 * session --dir D --hub URL --hub-id ID [--caller-alg EdDSA]
 *        a session token of the caller (POST /v1/token, client_credentials): prints RESULT session token=...
 * gen    --dir D --n N --out F [--threads T] [--auth assertion|bearer|none] [--token T] [--hub-id ID] [--iat auto|now|EPOCH]
 *        [--kind verify|green]
 *        N distinct SM2 codes of ymt:member:310000 as request lines "assertion TAB json-body" ("-" without auth);
 *        with --kind green, N green lookups of random pseudonyms in region 310000 instead (PERF-6)
 * raw    --codes F [--threads T] [--seconds S] [--warmup S]
 *        raw SM2 verify rate over the codes' signing inputs, on T threads (all cores by default)
 * load   --url URL --codes F --rate R [--seconds S] [--warmup S] [--timeout-ms MS] [--connections C]
 *        open-loop client at a fixed rate (Vert.x, on the hub's class path); latency measured from each
 *        request's intended start, so a stall is not hidden (no coordinated omission)
 * </pre>
 *
 * Every command prints one machine-readable line starting with {@code RESULT } that run.sh parses.
 */
public class VerifyBench {

    static final String HOME = "ymt:member:310000";
    static final String HOME_REGION = "310000";
    static final String CALLER = "ymt:member:620000";
    static final String CHECKPOINT = "{\"id\":\"cp-1\",\"region\":\"620000\",\"kind\":\"GATE\"}";
    static final String PURPOSE = "entry";
    /** The hub accepts codes up to this much in its future and past their exp (DESIGN.md §5). */
    static final long SKEW_S = 30;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> opt = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "keys" -> keys(opt);
            case "gen" -> gen(opt);
            case "raw" -> raw(opt);
            case "load" -> load(opt);
            case "session" -> session(opt);
            default -> usage();
        }
    }

    // ---------------------------------------------------------------- session

    /** A session token of the caller (REQ-AUTH-2): one client assertion, POST /v1/token, client_credentials. */
    static void session(Map<String, String> opt) throws Exception {
        Path dir = Path.of(req(opt, "dir"));
        String hubId = req(opt, "hub-id");
        Jwk caller = key(dir, "member-620000", profile(opt.getOrDefault("caller-alg", "EdDSA")));
        String form = "grant_type=client_credentials&client_assertion_type="
                + java.net.URLEncoder.encode(ClientAssertion.FORM_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + ClientAssertion.sign(caller, CALLER, hubId, Instant.now());
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(req(opt, "hub") + "/v1/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST /v1/token answered " + answer.statusCode() + ": " + answer.body());
        }
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("access_token")
                .asText();
        System.out.println("RESULT session token=" + token);
    }

    // ---------------------------------------------------------------- keys

    static void keys(Map<String, String> opt) throws IOException {
        Path dir = Path.of(req(opt, "dir"));
        String hubId = req(opt, "hub-id");
        String homeUrl = req(opt, "home-url");
        Jwk home = key(dir, "member-310000", SignatureProfile.SM2);
        Jwk caller = key(dir, "member-620000", profile(opt.getOrDefault("caller-alg", "EdDSA")));
        write(dir.resolve("member-310000.jwks.json"), jwks(home));
        write(dir.resolve("member-620000.jwks.json"), jwks(caller));
        write(dir.resolve("register-310000.json"), registration(HOME, hubId, homeUrl, "31", home, 1));
        write(dir.resolve("register-620000.json"), registration(CALLER, hubId, homeUrl + "/p620000", "62", caller, 2));
        System.out.println("RESULT keys home_kid=" + home.kid() + " caller_kid=" + caller.kid() + " caller_alg="
                + caller.profile().joseName());
    }

    static String jwks(Jwk key) {
        return new JwkSet(List.of(key.publicOnly())).toJson().toString();
    }

    static String registration(String id, String hubId, String baseUrl, String prefix, Jwk key, int certSeed) {
        // tlsCertSha256 is required by the schema and unique in the registry; the bench authenticates by
        // client assertion, so a made-up fingerprint per member is enough.
        String fingerprint = String.format(Locale.ROOT, "%064x", certSeed);
        return """
                {"entityId":"%s","displayName":"bench %s","kind":"PLATFORM","regionPrefixes":["%s"],"parent":"%s",\
                "baseUrl":"%s","dialect":"v1","tlsCertSha256":"%s","jwks":%s,"status":"ACTIVE"}"""
                .formatted(id, id, prefix, hubId, baseUrl, fingerprint, jwks(key));
    }

    /** The private JWK stored in {@code dir/keys/name.jwk.json}, created on first use: the same keys every run. */
    static Jwk key(Path dir, String name, SignatureProfile profile) throws IOException {
        Path file = dir.resolve("keys").resolve(name + "." + profile.joseName() + ".jwk.json");
        if (Files.exists(file)) {
            return Jwk.parse(Files.readString(file));
        }
        Jwk key = Jwk.generate(profile);
        write(file, key.toPrivateJson().toString());
        return key;
    }

    static SignatureProfile profile(String alg) {
        return SignatureProfile.fromJoseName(alg)
                .orElseThrow(() -> new IllegalArgumentException("unknown alg " + alg + " (SM2, ES256, EdDSA)"));
    }

    // ---------------------------------------------------------------- gen

    static void gen(Map<String, String> opt) throws Exception {
        Path dir = Path.of(req(opt, "dir"));
        int n = Integer.parseInt(req(opt, "n"));
        Path out = Path.of(req(opt, "out"));
        int threads = Integer.parseInt(opt.getOrDefault("threads", "" + Runtime.getRuntime().availableProcessors()));
        String mode = opt.getOrDefault("auth", "assertion");
        // "bearer": every request carries the one session token given (REQ-AUTH-2), not an assertion of its own
        String bearer = "bearer".equals(mode) ? "Bearer " + req(opt, "token") : null;
        boolean auth = "assertion".equals(mode);
        String hubId = auth ? req(opt, "hub-id") : null;
        Jwk home = key(dir, "member-310000", SignatureProfile.SM2);
        Jwk caller = auth ? key(dir, "member-620000", profile(opt.getOrDefault("caller-alg", "EdDSA"))) : null;

        // A code lives 60 s and the hub accepts 30 s of skew both ways, so a code is usable during
        // [iat - 30 s, iat + 90 s]. Signing N codes takes a while: "auto" puts iat at the predicted end of
        // generation, so the load that follows sits in the middle of that window.
        if ("green".equals(opt.getOrDefault("kind", "verify"))) {
            greenLookups(n, threads, out, auth ? caller : null, hubId, bearer);
            return;
        }
        String iatOpt = opt.getOrDefault("iat", "auto");
        long iat;
        if ("now".equals(iatOpt)) {
            iat = Instant.now().getEpochSecond();
        } else if ("auto".equals(iatOpt)) {
            double perThread = calibrate(home, threads);
            double assertionsPerThread = auth ? calibrate(caller, threads) : Double.POSITIVE_INFINITY;
            double seconds = n / (perThread * threads) + (auth ? n / (assertionsPerThread * threads) : 0);
            iat = Instant.now().getEpochSecond() + (long) Math.ceil(seconds * 1.1) + 2;
            System.err.printf(Locale.ROOT, "gen: ~%.0f SM2 signs/s/thread, %d codes on %d threads: ~%.0f s; iat=now+%d s%n",
                    perThread, n, threads, seconds, iat - Instant.now().getEpochSecond());
        } else {
            iat = Long.parseLong(iatOpt);
        }
        Instant iatI = Instant.ofEpochSecond(iat);
        Instant expI = iatI.plus(DynamicCodeCodec.MAX_LIFETIME);

        long t0 = System.nanoTime();
        String[] codes = new String[n];
        parallel(n, threads, i -> {
            CodeClaims claims = new CodeClaims(HOME, subject(), DynamicCodeCodec.newJti(), Colour.GREEN, HOME_REGION,
                    iatI, expI);
            codes[i] = CODEC.encode(claims, home);
        });
        double codeSeconds = (System.nanoTime() - t0) / 1e9;
        // Assertions last and with the real time as iat: the hub may not grant them any skew.
        String[] assertions = new String[n];
        long assertionIat = 0;
        if (auth) {
            Instant now = Instant.now();
            assertionIat = now.getEpochSecond();
            parallel(n, threads, i -> assertions[i] = ClientAssertion.sign(caller, CALLER, hubId, now));
        }
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                w.write(auth ? assertions[i] : bearer != null ? bearer : "-");
                w.write('\t');
                w.write("{\"code\":\"" + codes[i] + "\",\"checkpoint\":" + CHECKPOINT + ",\"purpose\":\"" + PURPOSE + "\"}");
                w.write('\n');
            }
        }
        long validFrom = iat - SKEW_S;
        long validUntil = Math.min(iat + 60 + SKEW_S, auth ? assertionIat + 60 : Long.MAX_VALUE);
        System.out.printf(Locale.ROOT,
                "RESULT gen n=%d threads=%d code_seconds=%.1f total_seconds=%.1f sign_rate=%.0f iat=%d valid_from=%d valid_until=%d file=%s%n",
                n, threads, codeSeconds, totalSeconds, n / codeSeconds, iat, validFrom, validUntil, out);
    }

    /**
     * N distinct green lookups (PERF-6): a random pseudonym each, in a region served by the home member, so the
     * hub answers from its own list state (no signature to check but the caller's assertion, no home call).
     */
    static void greenLookups(int n, int threads, Path out, Jwk caller, String hubId, String bearer) throws Exception {
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        String[] assertions = new String[n];
        if (caller != null) {
            parallel(n, threads, i -> assertions[i] = ClientAssertion.sign(caller, CALLER, hubId, now));
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                w.write(caller != null ? assertions[i] : bearer != null ? bearer : "-");
                w.write('\t');
                w.write("{\"sub\":\"" + subject() + "\",\"rgn\":\"" + HOME_REGION + "\"}");
                w.write('\n');
            }
        }
        long validFrom = now.getEpochSecond();
        System.out.printf(Locale.ROOT,
                "RESULT gen kind=green n=%d threads=%d total_seconds=%.1f valid_from=%d valid_until=%d file=%s%n",
                n, threads, (System.nanoTime() - t0) / 1e9, validFrom, validFrom + 60, out);
    }

    static final DynamicCodeCodec CODEC = new DynamicCodeCodec();
    static final SecureRandom RANDOM = new SecureRandom();

    /** A pseudonymous subject id: 256 bits in lower-case hex, as HMAC-SM3 gives. */
    static String subject() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Signatures per second and thread, measured on all {@code threads} at once after a warm-up (~2 s). */
    static double calibrate(Jwk key, int threads) throws InterruptedException {
        byte[] data = new byte[300];
        long warm = System.nanoTime() + 1_200_000_000L;
        while (System.nanoTime() < warm) {
            parallel(100 * threads, threads, i -> key.sign(data));
        }
        int k = 0;
        long t = System.nanoTime();
        while (System.nanoTime() - t < 800_000_000L) {
            parallel(100 * threads, threads, i -> key.sign(data));
            k += 100 * threads;
        }
        return k / ((System.nanoTime() - t) / 1e9) / threads;
    }

    interface IndexTask {
        void run(int i) throws Exception;
    }

    static void parallel(int n, int threads, IndexTask task) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> list = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (long i; (i = next.getAndIncrement()) < n;) {
                        task.run((int) i);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            th.start();
            list.add(th);
        }
        for (Thread th : list) {
            th.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }

    // ---------------------------------------------------------------- raw

    static void raw(Map<String, String> opt) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(req(opt, "codes")), StandardCharsets.US_ASCII);
        int threads = Integer.parseInt(opt.getOrDefault("threads", "" + Runtime.getRuntime().availableProcessors()));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "5"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup", "2"));
        Jwk key = key(Path.of(req(opt, "dir")), "member-310000", SignatureProfile.SM2).publicOnly();
        int n = Math.min(lines.size(), Integer.parseInt(opt.getOrDefault("max-codes", "20000")));
        byte[][] input = new byte[n][];
        byte[][] signature = new byte[n][];
        for (int i = 0; i < n; i++) {
            String body = lines.get(i).substring(lines.get(i).indexOf('\t') + 1);
            int from = body.indexOf("\"code\":\"") + 8;
            ParsedJws jws = ParsedJws.parseCompact(body.substring(from, body.indexOf('"', from)));
            input[i] = jws.signingInput();
            signature[i] = jws.signature();
        }
        // The same primitive the hub must run once per code: SM3withSM2 verify over the JWS signing input.
        LongAdder bad = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long[] counted = new long[threads];
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                int i = id;
                long c = 0;
                long now;
                while ((now = System.nanoTime()) < end) {
                    boolean good = SignatureProfile.SM2.verify(key.publicKey(), input[i], signature[i]);
                    if (now >= measureFrom) {
                        c++;
                        if (!good) {
                            bad.increment();
                        }
                    }
                    i = (i + threads) % n;
                }
                counted[id] = c;
            });
            th.start();
            list.add(th);
        }
        for (Thread th : list) {
            th.join();
        }
        long total = Arrays.stream(counted).sum();
        double rate = total / seconds;
        if (bad.sum() > 0) {
            System.err.println("raw: " + bad.sum() + " signatures did NOT verify: wrong key file?");
        }
        System.out.printf(Locale.ROOT, "RESULT raw threads=%d seconds=%.1f verifies=%d rate=%.0f per_thread=%.0f bad=%d%n",
                threads, seconds, total, rate, rate / threads, bad.sum());
    }

    // ---------------------------------------------------------------- load

    static void load(Map<String, String> opt) throws Exception {
        URI url = URI.create(req(opt, "url"));
        List<String> lines = Files.readAllLines(Path.of(req(opt, "codes")), StandardCharsets.US_ASCII);
        double rate = Double.parseDouble(req(opt, "rate"));
        double seconds = Double.parseDouble(opt.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(opt.getOrDefault("warmup", "5"));
        int timeoutMs = Integer.parseInt(opt.getOrDefault("timeout-ms", "5000"));
        int connections = Integer.parseInt(opt.getOrDefault("connections", "64"));
        int total = (int) Math.round(rate * (warmup + seconds));
        int skip = (int) Math.round(rate * warmup);
        if (total > lines.size()) {
            System.err.printf("load: %d requests but only %d distinct codes: codes will repeat%n", total, lines.size());
        }
        // Vert.x (Netty) on one event loop with a pool of keep-alive connections: cheap enough to share the
        // 2 cores with the hub. The JDK HttpClient could not keep up with 2,000 req/s here.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setBlockedThreadCheckInterval(60_000));
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000).setMaxPoolSize(connections),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Context context = vertx.getOrCreateContext();
        long[] fromIntended = new long[total];
        long[] fromSent = new long[total];
        boolean[] answered200 = new boolean[total];
        Arrays.fill(fromIntended, -1);
        Arrays.fill(fromSent, -1);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        long maxLag = 0;
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            maxLag = Math.max(maxLag, now - intended);
            String line = lines.get(i % lines.size());
            int tab = line.indexOf('\t');
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                    .setTimeout(timeoutMs).putHeader("Content-Type", "application/json");
            String credential = line.substring(0, tab);
            if (credential.startsWith("Bearer ")) {
                request.putHeader("Authorization", credential);
            } else if (!credential.equals("-")) {
                request.putHeader("Ymt-Client-Assertion", credential);
            }
            Buffer body = Buffer.buffer(line.substring(tab + 1));
            int idx = i;
            long sent = now;
            context.runOnContext(v -> client.request(request)
                    .compose(r -> r.send(body))
                    .compose(r -> r.body().map(b -> r.statusCode() + (r.statusCode() == 200 ? outcome(b.toString()) : "")))
                    .onComplete(ar -> {
                        long t = System.nanoTime();
                        fromIntended[idx] = t - intended;
                        fromSent[idx] = t - sent;
                        answered200[idx] = ar.succeeded() && ar.result().startsWith("200");
                        if (idx >= skip) {
                            String key = ar.succeeded() ? ar.result() : "error:" + ar.cause().getClass().getSimpleName();
                            outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
                        }
                        done.countDown();
                    }));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        boolean finished = done.await(timeoutMs + 2000L, TimeUnit.MILLISECONDS);
        vertx.close();
        // admitted answers alone: under overload the shed ones are fast refusals, and what matters is that the
        // requests the hub took on kept their latency
        long[] admitted = java.util.stream.IntStream.range(skip, total).filter(i -> answered200[i] && fromIntended[i] >= 0)
                .mapToLong(i -> fromIntended[i]).sorted().toArray();
        long[] a = Arrays.copyOfRange(fromIntended, skip, total);
        long[] s = Arrays.copyOfRange(fromSent, skip, total);
        Arrays.sort(a);
        Arrays.sort(s);
        int missing = (int) Arrays.stream(a).filter(x -> x < 0).count();
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
        System.err.println("load: outcomes " + sorted + (finished ? "" : ", " + missing + " still open at the end"));
        long ok = sorted.entrySet().stream().filter(e -> e.getKey().startsWith("200")).mapToLong(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT,
                "RESULT load url=%s rate=%.0f achieved_rate=%.0f measured=%d ok=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
                        + "svc_p50_ms=%.3f svc_p99_ms=%.3f ok_p50_ms=%.3f ok_p99_ms=%.3f sender_max_lag_ms=%.3f outcomes=%s%n",
                url, rate, total / sendSeconds, a.length - missing, ok, pct(a, missing, 50), pct(a, missing, 90),
                pct(a, missing, 99), pct(a, missing, 99.9), pct(a, missing, 100), pct(s, missing, 50), pct(s, missing, 99),
                pct(admitted, 0, 50), pct(admitted, 0, 99), maxLag / 1e6, sorted.toString().replace(" ", ""));
    }

    /** ":GREEN/LIVE" from a verification answer, to see that the home was really asked. */
    static String outcome(String body) {
        return ":" + field(body, "status") + "/" + field(body, "source");
    }

    static String field(String body, String name) {
        int i = body.indexOf("\"" + name + "\"");
        if (i < 0) {
            return "?";
        }
        int from = body.indexOf('"', body.indexOf(':', i) + 1) + 1;
        return body.substring(from, body.indexOf('"', from));
    }

    /** Percentile in ms over the sorted nanos, ignoring {@code missing} unanswered (-1) entries at the front. */
    static double pct(long[] sorted, int missing, double p) {
        int n = sorted.length - missing;
        if (n <= 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[missing + Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    static String req(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            System.err.println("missing --" + name);
            usage();
        }
        return v;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void usage() {
        System.err.println("usage: VerifyBench keys|gen|raw|load --option value ... (see the class comment)");
        System.exit(2);
    }
}

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.postgresql.PGConnection;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

/**
 * PERF-3 (DESIGN.md §11): times the hub's ingest of N-entry daily batches (POST /v1/lists/batches: validate, COPY,
 * digest, verify, diff, store) against a plain COPY of the same rows into a table of the same PostgreSQL, in the
 * same run: first yesterday's batch, all new to the hub (a first upload), then today's, the same subjects with 1 %
 * of them changed (a steady-state day). Subjects are synthetic 64-hex pseudonyms (a bijective mix of the line
 * number), never ID numbers. The database password is read from {@code YMT_DB_PASSWORD}.
 *
 * <pre>java -cp &lt;hub jars&gt; ListsBench.java HUB_URL ADMIN_TOKEN HUB_ID JDBC_URL N WORK_DIR [sorted|random]</pre>
 */
public class ListsBench {

    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2099-01-01T00:00:00Z");
    private static final String PAD = "0".repeat(48);
    /** A steady-state day changes every CHANGED_EVERY-th subject: 1 %. */
    private static final int CHANGED_EVERY = 100;
    private static final String MEMBER = "ymt:member:310000";

    private final String hub;
    private final String hubId;
    private final String jdbcUrl;
    private final Path work;
    private final boolean sortedFile;
    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ListsBench(String hub, String hubId, String jdbcUrl, Path work, boolean sortedFile) {
        this.hub = hub;
        this.hubId = hubId;
        this.jdbcUrl = jdbcUrl;
        this.work = work;
        this.sortedFile = sortedFile;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[4]);
        ListsBench bench = new ListsBench(args[0], args[2], args[3], Path.of(args[5]),
                !(args.length > 6 && args[6].equals("random")));
        register(bench.http, bench.hub, args[1], bench.hubId, MEMBER, bench.key);
        LocalDate today = LocalDate.now();
        double[] first = bench.day("first", n, today.minusDays(1), false);
        double[] steady = bench.day("steady", n, today, true);
        System.out.printf("RESULT phase=ratio kind=first entries=%d hub_seconds=%.2f copy_seconds=%.2f ratio=%.2f"
                + " goal=3 %s%n", n, first[0], first[1], first[0] / first[1], first[0] / first[1] <= 3 ? "MET"
                        : "NOT_MET");
        System.out.printf("RESULT phase=ratio kind=steady entries=%d hub_seconds=%.2f copy_seconds=%.2f ratio=%.2f"
                + " goal=2 %s%n", n, steady[0], steady[1], steady[0] / steady[1], steady[0] / steady[1] <= 2 ? "MET"
                        : "NOT_MET");
    }

    /** Uploads one day's batch and COPYs the same rows: the two times in seconds. */
    private double[] day(String kind, int n, LocalDate day, boolean changeOnePercent) throws Exception {
        long t0 = System.nanoTime();
        long[] subs = new long[n];
        for (int i = 0; i < n; i++) {
            subs[i] = mix(i);
        }
        if (sortedFile) {
            Arrays.sort(subs); // the file in canonical order: the hub digests while it streams
        }
        Path ndjson = work.resolve("batch-" + kind + "-" + n + ".ndjson");
        Path tsv = work.resolve("batch-" + kind + "-" + n + ".tsv");
        try (BufferedWriter json = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8);
                BufferedWriter rows = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            for (long s : subs) {
                ListEntry e = entry(s, changeOnePercent);
                json.write(e.toJson().toString());
                json.write('\n');
                rows.write(e.sub() + "\t" + e.col() + "\t" + e.since() + "\t" + e.until() + "\t" + e.reason() + "\t"
                        + e.rgn() + "\n");
            }
        }
        Arrays.sort(subs); // unsigned order equals hex string order only for non-negative values: mix keeps the top bit 0
        CanonicalBatch.Builder digest = CanonicalBatch.builder(BatchDigest.forProfile(key.profile()));
        for (long s : subs) {
            digest.add(entry(s, changeOnePercent));
        }
        String tag = "bench-" + kind + "-" + n + "-" + System.currentTimeMillis();
        String signature = BatchSignature.sign(digest.manifest(MEMBER, tag, day), key);
        System.out.printf("RESULT phase=generate kind=%s entries=%d order=%s bytes=%d seconds=%.1f%n", kind, n,
                sortedFile ? "sorted" : "random", Files.size(ndjson), (System.nanoTime() - t0) / 1e9);

        long t1 = System.nanoTime();
        HttpRequest upload = HttpRequest.newBuilder(URI.create(hub + "/v1/lists/batches?member=" + MEMBER
                + "&batchTag=" + tag + "&day=" + day))
                .timeout(Duration.ofMinutes(30))
                .header("Ymt-Client-Assertion", ClientAssertion.sign(key, MEMBER, hubId, Instant.now()))
                .header("Ymt-Batch-Signature", signature)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(ndjson)).build();
        HttpResponse<String> answer = http.send(upload, HttpResponse.BodyHandlers.ofString());
        double hubSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("RESULT phase=hub-ingest kind=%s status=%d seconds=%.2f body=%s%n", kind,
                answer.statusCode(), hubSeconds, answer.body().replace(' ', '_'));
        if (answer.statusCode() != 201) {
            System.exit(1);
        }

        double copySeconds;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres",
                System.getenv().getOrDefault("YMT_DB_PASSWORD", ""))) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_plain_copy");
                s.execute("create table bench_plain_copy (sub text collate \"C\" not null, col text not null,"
                        + " since timestamptz not null, until timestamptz not null, reason text not null,"
                        + " rgn text not null)");
            }
            long t2 = System.nanoTime();
            try (Reader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_plain_copy from stdin", in, 1 << 16);
            }
            copySeconds = (System.nanoTime() - t2) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_plain_copy");
            }
        }
        Files.delete(ndjson);
        Files.delete(tsv);
        System.out.printf("RESULT phase=plain-copy kind=%s seconds=%.2f%n", kind, copySeconds);
        return new double[]{ hubSeconds, copySeconds };
    }

    /** A bijection on [0, 2^63): line number to a well-spread 63-bit value. */
    private static long mix(long x) {
        x = (x * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE;
        x ^= x >>> 29;
        x = (x * 0xBF58476D1CE4E5B9L) & Long.MAX_VALUE;
        x ^= x >>> 32;
        return x;
    }

    /** The entry of subject {@code s}; on a steady-state day one subject in a hundred has changed colour. */
    private static ListEntry entry(long s, boolean changeOnePercent) {
        String sub = PAD + String.format("%016x", s);
        boolean red = ((s & 1) == 0) != (changeOnePercent && Long.remainderUnsigned(s >>> 1, CHANGED_EVERY) == 0);
        return new ListEntry(sub, red ? Colour.RED : Colour.YELLOW, SINCE, UNTIL, "bench", "310101");
    }

    private static void register(HttpClient http, String hub, String adminToken, String hubId, String member, Jwk key)
            throws IOException, InterruptedException {
        String body = """
                {"entityId":"%s","displayName":"bench lists","kind":"PLATFORM","regionPrefixes":["31"],"parent":"%s",
                 "baseUrl":"http://127.0.0.1:9/bench","dialect":"v1","jwks":%s,"status":"ACTIVE"}"""
                .formatted(member, hubId, new JwkSet(List.of(key.publicOnly())).toJson());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub + "/v1/admin/members/" + member))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
        }
    }
}

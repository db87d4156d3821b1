package org.yimatong.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * REQ-HA-3 as an operator would see it: one hub as two processes on one PostgreSQL ({@link TwoInstances}), a
 * checkpoint client spreading verifications over both (and retrying on the other instance when one fails it), a
 * 200,000-entry list batch uploaded to instance b, appeals filed at b while their home is down, and a list-change
 * subscription. Instance b is killed with SIGKILL mid-batch and mid-load. Afterwards: every answered verification is
 * in the audit once (an attempt cut by the kill at most once more), the batch is stored whole or re-uploads whole,
 * each appeal reaches its home exactly once, the callback arrives once per change set, and every retry on the
 * surviving instance succeeded. Then the home's primary data centre goes away mid-load and its standby answers
 * every verification; and in a rolling restart a restarted instance stops gracefully (SIGTERM) under load: what it
 * took it answers, what it refuses while draining (503) or after (no connection) the client retries at the other,
 * and nothing fails. The counts are printed.
 */
class FailoverIT {

    private static final String HUB = "ymt:hub:failover";
    private static final String HOME = "ymt:member:310000";
    private static final String APPEAL_HOME = "ymt:member:320000";
    private static final String CHECKPOINT = "ymt:member:checkpoint-app";
    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Jwk APPEAL_HOME_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final Jwk CHECKPOINT_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final String ADMIN_TOKEN = "failover-" + Long.toHexString(new SecureRandom().nextLong());
    private static final int BATCH_ENTRIES = 200_000;
    private static final int APPEALS = 20;
    private static final int CLIENTS = 2;
    private static final DynamicCodeCodec CODES = new DynamicCodeCodec();

    private static TwoInstances instances;
    private static FakeHome primary;
    private static FakeHome standby;
    private static FakeHome appealHome;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path repo = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("deploy/target/failover-it");
        deleteRecursively(work);
        primary = new FakeHome(HOME);
        standby = new FakeHome(HOME);
        appealHome = new FakeHome(APPEAL_HOME);
        instances = new TwoInstances(repo, work, Duration.ofSeconds(180));
        // what is owed is retried every second here, so the test does not wait for production's pace
        instances.start(HUB, ADMIN_TOKEN, List.of("-Dymt.appeals.redelivery-every=1s", "-Dymt.appeals.claim=5s",
                "-Dymt.lists.callbacks.sweep-every=1s", "-Dymt.lists.callbacks.claim=5s"));
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
        for (FakeHome home : new FakeHome[]{ primary, standby, appealHome }) {
            if (home != null) {
                home.close();
            }
        }
    }

    @Test
    void killingOneInstanceMidBatchAndMidLoadLosesAndDoublesNothing() throws Exception {
        URI a = instances.first().url();
        URI b = instances.second().url();
        register(a, HOME, List.of("31"), List.of(primary.url(), standby.url()), HOME_KEY);
        register(a, APPEAL_HOME, List.of("32"), List.of(appealHome.url()), APPEAL_HOME_KEY);
        register(a, CHECKPOINT, List.of(), List.of(URI.create("http://127.0.0.1:9/none")), CHECKPOINT_KEY);
        String session = session(a);
        JsonNode subscribed = send(b, "POST", "/v1/lists/subscriptions", memberAuth(APPEAL_HOME, APPEAL_HOME_KEY),
                "{\"callbackUrl\":\"" + appealHome.url() + "/callbacks\",\"regionPrefixes\":[\"31\"]}", 201);
        assertTrue(subscribed.hasNonNull("id"), subscribed.toString());

        Load load = new Load(List.of(a, b), session);
        load.start(CLIENTS);
        Thread.sleep(1_000);

        appealHome.appealsDown = true;
        List<String> appealIds = new ArrayList<>();
        for (int i = 0; i < APPEALS; i++) {
            JsonNode filed = send(b, "POST", "/v1/appeals", Map.of("Authorization", "Bearer " + session),
                    "{\"sub\":\"" + randomHex() + "\",\"rgn\":\"320102\",\"ground\":\"LISTING_EXPIRED\","
                            + "\"statement\":\"Quarantine ended; still listed.\"}", 201);
            appealIds.add(filed.path("id").asText());
        }

        byte[] listKey = Base64.getUrlDecoder().decode(send(a, "GET", "/v1/lists/key", memberAuth(HOME, HOME_KEY),
                null, 200).path("key").asText());
        Batch batch = batch(listKey, "daily-" + LocalDate.now(ResidentIdNumber.CHINA));
        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(uncheck(() -> upload(b, batch)));
        String stateAtKill = awaitIngestUnderWay(a, batch.tag(), upload);
        instances.second().process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        instances.second().process().waitFor();
        Instant killed = Instant.now();
        appealHome.appealsDown = false; // the appeals b took while their home was down are now another's to deliver
        int uploadAnswer = upload.handle((status, failure) -> failure == null ? status : -1).get();
        Thread.sleep(2_000); // load keeps going on the survivor

        JsonNode progress = send(a, "GET", "/v1/lists/batches/" + batch.tag(), memberAuth(HOME, HOME_KEY), null,
                -1);
        String afterKill = progress.path("state").asText("ABSENT");
        boolean reuploaded = !"STORED".equals(afterKill);
        if (reuploaded) {
            assertEquals(201, upload(a, batch), "the cut batch uploads again, whole, at the survivor");
        }
        JsonNode stored = send(a, "GET", "/v1/lists/batches/" + batch.tag(), memberAuth(HOME, HOME_KEY), null, 200);
        assertEquals("STORED", stored.path("state").asText(), stored.toString());
        assertEquals(BATCH_ENTRIES, stored.path("count").asLong(), "never half a batch");

        // the home's primary data centre goes away while the load runs: its standby answers
        int standbyBefore = standby.verifications.get();
        int answeredBefore = load.answered.get();
        primary.close();
        Thread.sleep(3_000);
        load.stop();
        int afterPrimaryLost = load.answered.get() - answeredBefore;
        int byStandby = standby.verifications.get() - standbyBefore;

        awaitUntil(Duration.ofSeconds(60), () -> appealHome.appeals.keySet().containsAll(appealIds));
        awaitUntil(Duration.ofSeconds(30), () -> appealHome.callbacks.stream().anyMatch(seq -> seq >= BATCH_ENTRIES));
        Thread.sleep(3_000); // a doubled delivery would arrive by now

        // a rolling restart: b comes back, then stops gracefully (SIGTERM) under load; it answers what it took
        Processes.Hub restarted = instances.startAnother("b2");
        Load rolling = new Load(List.of(restarted.url(), a), session);
        rolling.start(CLIENTS);
        Thread.sleep(1_500);
        int takenByRestarted = rolling.answered.get();
        Instant drainStarted = Instant.now();
        restarted.process().destroy();
        assertTrue(restarted.process().waitFor(40, java.util.concurrent.TimeUnit.SECONDS), "b2 stopped in time");
        long drainMillis = Duration.between(drainStarted, Instant.now()).toMillis();
        int exitCode = restarted.process().exitValue();
        Thread.sleep(1_000);
        rolling.stop();

        Map<String, Integer> audited = auditedVerifications(a, session);
        int exactlyOnce = 0;
        int cutButRecorded = 0;
        Map<String, Integer> answeredByCode = new HashMap<>(load.answeredByCode);
        rolling.answeredByCode.forEach((code, count) -> answeredByCode.merge(code, count, Integer::sum));
        Map<String, Integer> cutByCode = new HashMap<>(load.cutByCode);
        rolling.cutByCode.forEach((code, count) -> cutByCode.merge(code, count, Integer::sum));
        for (Map.Entry<String, Integer> code : answeredByCode.entrySet()) {
            int events = audited.getOrDefault(code.getKey(), 0);
            int cut = cutByCode.getOrDefault(code.getKey(), 0);
            assertTrue(events >= code.getValue() && events <= code.getValue() + cut,
                    "code " + code.getKey() + ": answered " + code.getValue() + ", cut " + cut + ", audited " + events);
            if (events == code.getValue()) {
                exactlyOnce++;
            } else {
                cutButRecorded++;
            }
        }
        JsonNode chain = send(a, "GET", "/v1/audit/verify", Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null,
                200);

        System.out.printf(
                """
                        FAILOVER instance b killed (SIGKILL) at %s, its batch then %s (%s at the survivor afterwards; upload \
                        answered %s)
                        FAILOVER batch of %d entries: stored whole (%s)
                        FAILOVER verifications: %d answered, %d failed, %d attempts at b cut or refused after the kill, %d retried on the other \
                        instance, %d of those retries succeeded
                        FAILOVER audit: %d codes recorded exactly as often as answered, %d recorded once more for an attempt \
                        the kill cut before its answer; chain check %s
                        FAILOVER appeals: %d filed at b while the home was down, %d delivered, %d deliveries in all
                        FAILOVER callbacks: %d notifications, %d distinct, last latestSeq %d
                        FAILOVER primary data centre stopped: %d verifications answered in the next 3 s, %d by the standby, \
                        %d not GREEN
                        FAILOVER rolling restart: %d answered while b2 was up (b2 asked first), then b2 drained on SIGTERM in %d ms (exit %d); \
                        then %d answered in all, %d refused while draining (503) or closed, all retried at a: %d retries, %d \
                        succeeded, %d failed%n""",
                killed, stateAtKill, afterKill, uploadAnswer == -1 ? "never (connection cut)" : uploadAnswer,
                BATCH_ENTRIES, reuploaded ? "re-uploaded at a" : "by b before it died",
                load.answered.get(), load.failed.get(), load.cut.get(), load.retries.get(),
                load.retriesAnswered.get(), exactlyOnce, cutButRecorded, chain.toString(), appealIds.size(),
                appealHome.appeals.size(), appealHome.appeals.values().stream().mapToInt(Integer::intValue).sum(),
                appealHome.callbacks.size(), appealHome.callbacks.stream().distinct().count(),
                appealHome.callbacks.isEmpty() ? 0 : appealHome.callbacks.get(appealHome.callbacks.size() - 1),
                afterPrimaryLost, byStandby, load.notGreen.get(), takenByRestarted, drainMillis, exitCode,
                rolling.answered.get(), rolling.cut.get() + rolling.refused.get(), rolling.retries.get(),
                rolling.retriesAnswered.get(), rolling.failed.get());

        assertEquals(0, load.failed.get(), "no verification failed for good: " + load.failures);
        assertEquals(0, rolling.failed.get(), "no verification failed for good in the rolling restart: "
                + rolling.failures);
        assertEquals(rolling.retries.get(), rolling.retriesAnswered.get());
        assertTrue(takenByRestarted > 0, "the restarted instance took requests before it stopped");
        assertEquals(0, rolling.notGreen.get());
        assertTrue(drainMillis < 30_000, "drained within the Kubernetes grace period: " + drainMillis + " ms");
        assertTrue(load.retries.get() > 0, "the kill cut some requests (else this test proves nothing)");
        assertEquals(load.retries.get(), load.retriesAnswered.get(), "every retry on the survivor succeeded");
        assertEquals(0, load.notGreen.get(), "every answer was the home's GREEN");
        assertTrue(chain.path("intact").asBoolean(false), "the audit chains hold across the kill: " + chain);
        for (String id : appealIds) {
            assertEquals(1, appealHome.appeals.getOrDefault(id, 0), "appeal " + id + " delivered exactly once");
        }
        assertEquals(appealHome.callbacks.size(), appealHome.callbacks.stream().distinct().count(),
                "no list-change notification arrived twice: " + appealHome.callbacks);
        // all GREEN (above), and the standby answered them all but those the primary was answering as it went
        assertTrue(afterPrimaryLost > 0 && byStandby >= afterPrimaryLost - CLIENTS,
                "the standby answered the verifications after the primary went: " + byStandby + " of "
                        + afterPrimaryLost);
    }

    /** Waits until the batch's ingest at b is under way (staging, verifying or diffing), as seen from a. */
    private static String awaitIngestUnderWay(URI a, String tag, CompletableFuture<Integer> upload)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && !upload.isDone()) {
            JsonNode progress = send(a, "GET", "/v1/lists/batches/" + tag, memberAuth(HOME, HOME_KEY), null, -1);
            String state = progress.path("state").asText("");
            if (state.equals("VERIFYING") || state.equals("DIFFING")
                    || (state.equals("RECEIVED") && progress.path("linesRead").asLong() > 0)) {
                return state + " after " + progress.path("linesRead").asLong() + " lines";
            }
            Thread.sleep(20);
        }
        return upload.isDone() ? "already answered " + upload.get() : "not seen under way";
    }

    /** The checkpoint client: verifications over both instances in turn; a cut request is retried at the other. */
    private static final class Load {

        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger notGreen = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger retriesAnswered = new AtomicInteger();
        final Map<String, Integer> answeredByCode = new ConcurrentHashMap<>();
        final Map<String, Integer> cutByCode = new ConcurrentHashMap<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<URI> instances;
        private final String session;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger turn = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(List<URI> instances, String session) {
            this.instances = instances;
            this.session = session;
        }

        void start(int clients) {
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(this::run, "checkpoint-" + i);
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }

        private void run() {
            while (running.get()) {
                Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
                String jti = DynamicCodeCodec.newJti();
                String code = CODES.encode(new CodeClaims(HOME, "sub-" + jti, jti, Colour.GREEN, "310102", iat,
                        iat.plusSeconds(60)), HOME_KEY);
                String body = "{\"code\":\"" + code + "\",\"checkpoint\":{\"id\":\"gate-7\",\"region\":\"610102\","
                        + "\"kind\":\"TRANSPORT\"},\"purpose\":\"entry\"}";
                int first = Math.floorMod(turn.getAndIncrement(), instances.size());
                boolean retry = false;
                for (int attempt = 0; attempt < instances.size(); attempt++) {
                    URI instance = instances.get((first + attempt) % instances.size());
                    try {
                        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(instance.resolve(
                                "/v1/verifications")).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + session)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() == 503 && attempt + 1 < instances.size()) {
                            // an instance shedding load or shutting down: nothing was done, ask the other
                            refused.incrementAndGet();
                            retries.incrementAndGet();
                            retry = true;
                            continue;
                        }
                        if (answer.statusCode() != 200) {
                            failed.incrementAndGet();
                            failures.add(answer.statusCode() + " " + answer.body());
                        } else {
                            answered.incrementAndGet();
                            answeredByCode.merge(jti, 1, Integer::sum);
                            if (!Calls.JSON.readTree(answer.body()).path("status").asText().equals("GREEN")) {
                                notGreen.incrementAndGet();
                            }
                            if (retry) {
                                retriesAnswered.incrementAndGet();
                            }
                        }
                        break;
                    } catch (IOException e) {
                        // the instance went away under this request: the request may or may not have been recorded
                        cut.incrementAndGet();
                        cutByCode.merge(jti, 1, Integer::sum);
                        if (attempt + 1 < instances.size()) {
                            retries.incrementAndGet();
                            retry = true;
                        } else {
                            failed.incrementAndGet();
                            failures.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private record Batch(String tag, LocalDate day, byte[] body, String signature) {}

    /** 200,000 made-up residents of Shanghai, pseudonymised with the federation's list key, signed by the home. */
    private static Batch batch(byte[] listKey, String tag) {
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3_600);
        Instant until = since.plus(Duration.ofDays(14));
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        List<ListEntry> entries = new ArrayList<>(BATCH_ENTRIES);
        for (int i = 0; i < BATCH_ENTRIES; i++) {
            String digits = "310101" + LocalDate.of(1950, 1, 1).plusDays(i / 1000).format(yyyymmdd)
                    + String.format("%03d", i % 1000);
            String sub = ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits)).pseudonym(listKey);
            entries.add(new ListEntry(sub, i % 10 == 0 ? Colour.RED : Colour.YELLOW, since, until, "close-contact",
                    "310000"));
        }
        LocalDate day = LocalDate.now(ResidentIdNumber.CHINA);
        BatchManifest manifest = new BatchManifest(HOME, tag, day, entries.size(),
                CanonicalBatch.digest(entries, BatchDigest.forProfile(HOME_KEY.profile())));
        return new Batch(tag, day, CanonicalBatch.canonicalBytes(entries), BatchSignature.sign(manifest, HOME_KEY));
    }

    private static int upload(URI instance, Batch batch) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(instance.resolve("/v1/lists/batches?member="
                + HOME + "&batchTag=" + batch.tag() + "&day=" + batch.day()))
                .header("Content-Type", "application/x-ndjson")
                .header("Ymt-Batch-Signature", batch.signature())
                .header(ClientAssertion.HEADER, ClientAssertion.sign(HOME_KEY, HOME, HUB, Instant.now()))
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    /** How many VERIFICATION events the audit holds for each code id of the checkpoint's requests. */
    private static Map<String, Integer> auditedVerifications(URI instance, String session) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        String after = null;
        do {
            JsonNode page = send(instance, "GET", "/v1/audit?action=VERIFICATION&limit=1000" + (after == null ? ""
                    : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)),
                    Map.of("Authorization", "Bearer " + session), null, 200);
            for (JsonNode event : page.path("events")) {
                if (CHECKPOINT.equals(event.path("actor").asText())) {
                    counts.merge(event.path("target").asText(), 1, Integer::sum);
                }
            }
            after = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (after != null);
        return counts;
    }

    private static void register(URI hub, String id, List<String> prefixes, List<URI> baseUrls, Jwk key)
            throws Exception {
        String record = """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":%s,"parent":"%s",
                 "baseUrl":"%s","baseUrls":%s,"dialect":"v1","jwks":{"keys":[%s]},"status":"ACTIVE"}"""
                .formatted(id, id, Calls.JSON.writeValueAsString(prefixes), HUB, baseUrls.get(0),
                        Calls.JSON.writeValueAsString(baseUrls.stream().map(URI::toString).toList()),
                        key.publicOnly().toJson());
        send(hub, "PUT", "/v1/admin/members/" + id, Map.of("Authorization", "Bearer " + ADMIN_TOKEN), record, 201);
    }

    private static String session(URI hub) throws Exception {
        String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(
                ClientAssertion.FORM_TYPE, StandardCharsets.UTF_8) + "&client_assertion=" + ClientAssertion.sign(
                        CHECKPOINT_KEY, CHECKPOINT, HUB, Instant.now());
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(hub.resolve("/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Calls.JSON.readTree(answer.body()).path("access_token").asText();
    }

    private static Map<String, String> memberAuth(String id, Jwk key) {
        return Map.of(ClientAssertion.HEADER, ClientAssertion.sign(key, id, HUB, Instant.now()));
    }

    /** One JSON call; {@code expected} -1 takes any status (the body, or an empty object if there is none). */
    private static JsonNode send(URI hub, String method, String path, Map<String, String> headers, String body,
            int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (expected != -1 && answer.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": expected " + expected + ", got " + answer.statusCode()
                    + " " + answer.body());
        }
        return answer.body().isEmpty() ? Calls.JSON.createObjectNode() : Calls.JSON.readTree(answer.body());
    }

    private static void awaitUntil(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.get() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private interface IoSupplier<T> {
        T get() throws Exception;
    }

    private static <T> Supplier<T> uncheck(IoSupplier<T> supplier) {
        return () -> {
            try {
                return supplier.get();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        };
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

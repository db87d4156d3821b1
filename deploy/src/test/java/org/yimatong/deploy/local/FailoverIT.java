package org.yimatong.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.zip.GZIPInputStream;

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
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * REQ-HA-3 as an operator would see it: one hub as two processes on one PostgreSQL ({@link TwoInstances}), a
 * checkpoint client of {@value #CLIENTS} threads spreading verifications over both (and retrying on the other
 * instance when one fails it), and instance b owing the federation something of every outbox when it dies: appeals
 * and venue scans it took while their platform was down, and the callback of a list change its subscriber refused.
 * Then a 200,000-entry list batch is uploaded to b and b is killed with SIGKILL once the ingest has read half of it,
 * with the load running. Afterwards: every answered verification is in the audit once (an attempt cut by the kill at
 * most once more), the batch is not stored at all (never half: counted in the hub's snapshot and change feed) and
 * re-uploads whole at the survivor, each appeal and each venue scan reaches its platform exactly once, the callback b
 * owed arrives once from the survivor and the last one names the feed's latest change, and every retry on the
 * surviving instance succeeded. Then the home's primary data centre goes away mid-load and its standby answers every
 * verification, none slower than the member-call timeout and a margin; and in a rolling restart a restarted instance
 * stops gracefully (SIGTERM) under load: what it took it answers, what it refuses while draining (503) or after (no
 * connection) the client retries at the other, and nothing fails. A second test has a member's primary hang instead
 * (it accepts and never answers): a few verifications wait out the timeout, then the breaker opens and the standby
 * answers the rest at once. The counts are printed.
 */
class FailoverIT {

    private static final String HUB = "ymt:hub:failover";
    private static final String HOME = "ymt:member:310000";
    /** The appeals' home, the subscriber of the list changes and the venues' platform. */
    private static final String APPEAL_HOME = "ymt:member:320000";
    /** A home whose primary data centre hangs in {@link #aHangingPrimaryOpensItsBreakerAndItsStandbyAnswersAtOnce}. */
    private static final String HANG_HOME = "ymt:member:330000";
    private static final String CHECKPOINT = "ymt:member:checkpoint-app";
    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Jwk APPEAL_HOME_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final Jwk HANG_HOME_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final Jwk CHECKPOINT_KEY = Jwk.generate(SignatureProfile.ES256);
    private static final String ADMIN_TOKEN = "failover-" + Long.toHexString(new SecureRandom().nextLong());
    private static final int BATCH_ENTRIES = 200_000;
    /** The entries of APPEAL_HOME's list, stored at b just before the big batch: its callback is what b owes. */
    private static final int SMALL_BATCH_ENTRIES = 10;
    private static final int APPEALS = 20;
    private static final int VENUE_SCANS = 10;
    private static final int CLIENTS = 8;
    /**
     * The member-call settings the instances run with (given explicitly, the hub's defaults in MemberCallConfig): a
     * call waits at most {@link #MEMBER_CALL_TIMEOUT}; the breaker looks at the last {@link #BREAKER_WINDOW} calls,
     * opens when {@link #BREAKER_FAILURE_RATIO} of them failed and lets one trial call through after
     * {@link #BREAKER_DELAY}.
     */
    private static final Duration MEMBER_CALL_TIMEOUT = Duration.ofMillis(800);
    private static final int BREAKER_WINDOW = 20;
    private static final double BREAKER_FAILURE_RATIO = 0.5;
    private static final Duration BREAKER_DELAY = Duration.ofSeconds(5);
    /** What a verification may take beyond one member-call timeout on this loaded two-core machine. */
    private static final Duration LATENCY_MARGIN = Duration.ofSeconds(2);
    /**
     * How long a callback debt stays with the instance that recorded it before any instance's sweep takes it over;
     * longer than b lives after recording its debt, so b holds it when it dies.
     */
    private static final Duration CALLBACK_CLAIM = Duration.ofSeconds(15);
    private static final DynamicCodeCodec CODES = new DynamicCodeCodec();
    private static final VenueCodeCodec VENUES = new VenueCodeCodec();

    private static TwoInstances instances;
    private static FakeHome primary;
    private static FakeHome standby;
    private static FakeHome appealHome;
    private static FakeHome hangingPrimary;
    private static FakeHome hangStandby;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path repo = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("deploy/target/failover-it");
        deleteRecursively(work);
        primary = new FakeHome(HOME);
        standby = new FakeHome(HOME);
        appealHome = new FakeHome(APPEAL_HOME);
        hangingPrimary = new FakeHome(HANG_HOME);
        hangStandby = new FakeHome(HANG_HOME);
        instances = new TwoInstances(repo, work, Duration.ofSeconds(180));
        // what is owed is retried every second here, so the test does not wait for production's pace
        instances.start(HUB, ADMIN_TOKEN, List.of("-Dymt.appeals.redelivery-every=1s", "-Dymt.appeals.claim=5s",
                "-Dymt.lists.callbacks.sweep-every=1s",
                "-Dymt.lists.callbacks.claim=" + CALLBACK_CLAIM.toSeconds() + "s",
                "-Dymt.venue-scans.redelivery-every=1s", "-Dymt.venue-scans.claim=5s",
                "-Dymt.member-calls.timeout=" + MEMBER_CALL_TIMEOUT.toMillis() + "ms",
                "-Dymt.member-calls.breaker.request-volume-threshold=" + BREAKER_WINDOW,
                "-Dymt.member-calls.breaker.failure-ratio=" + BREAKER_FAILURE_RATIO,
                "-Dymt.member-calls.breaker.delay=" + BREAKER_DELAY.toSeconds() + "s"));
        URI a = instances.first().url();
        register(a, HOME, List.of("31"), List.of(primary.url(), standby.url()), HOME_KEY);
        register(a, APPEAL_HOME, List.of("32"), List.of(appealHome.url()), APPEAL_HOME_KEY);
        register(a, HANG_HOME, List.of("33"), List.of(hangingPrimary.url(), hangStandby.url()), HANG_HOME_KEY);
        register(a, CHECKPOINT, List.of(), List.of(URI.create("http://127.0.0.1:9/none")), CHECKPOINT_KEY);
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
        for (FakeHome home : new FakeHome[]{ primary, standby, appealHome, hangingPrimary, hangStandby }) {
            if (home != null) {
                home.close();
            }
        }
    }

    @Test
    void killingOneInstanceMidBatchAndMidLoadLosesAndDoublesNothing() throws Exception {
        URI a = instances.first().url();
        URI b = instances.second().url();
        String session = session(a);
        JsonNode subscribed = send(b, "POST", "/v1/lists/subscriptions", memberAuth(APPEAL_HOME, APPEAL_HOME_KEY),
                "{\"callbackUrl\":\"" + appealHome.url() + "/callbacks\",\"regionPrefixes\":[\"31\",\"32\"]}", 201);
        assertTrue(subscribed.hasNonNull("id"), subscribed.toString());
        byte[] listKey = Base64.getUrlDecoder().decode(send(a, "GET", "/v1/lists/key", memberAuth(HOME, HOME_KEY),
                null, 200).path("key").asText());
        String day = LocalDate.now(ResidentIdNumber.CHINA).toString();
        Batch batch = batch(listKey, HOME, HOME_KEY, "daily-" + day, BATCH_ENTRIES, "310101", "310000");
        Batch small = batch(listKey, APPEAL_HOME, APPEAL_HOME_KEY, "daily-" + day, SMALL_BATCH_ENTRIES, "320101",
                "320000");

        Load load = new Load(List.of(a, b), session, HOME, HOME_KEY, "310102");
        load.start(CLIENTS);
        Thread.sleep(1_000);

        // b takes what it will owe when it dies, its platform down: appeals, venue scans, a list-change callback
        appealHome.appealsDown = true;
        appealHome.venueScansDown = true;
        appealHome.callbacksDown = true;
        List<String> appealIds = new ArrayList<>();
        for (int i = 0; i < APPEALS; i++) {
            JsonNode filed = send(b, "POST", "/v1/appeals", Map.of("Authorization", "Bearer " + session),
                    "{\"sub\":\"" + randomHex() + "\",\"rgn\":\"320102\",\"ground\":\"LISTING_EXPIRED\","
                            + "\"statement\":\"Quarantine ended; still listed.\"}", 201);
            appealIds.add(filed.path("id").asText());
        }
        List<String> scanIds = new ArrayList<>();
        String venueCode = venueCode();
        for (int i = 0; i < VENUE_SCANS; i++) {
            JsonNode scanned = send(b, "POST", "/v1/venue-scans", Map.of("Authorization", "Bearer " + session),
                    "{\"venueCode\":\"" + venueCode + "\",\"subject\":\"" + randomHex() + "\",\"at\":\""
                            + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"direction\":\"ENTRY\"}", 200);
            assertTrue(scanned.path("accepted").asBoolean(false), scanned.toString());
            scanIds.add(scanned.path("scanId").asText());
        }
        assertEquals(VENUE_SCANS, scanIds.stream().distinct().count(), "one scan id per scan: " + scanIds);
        // the big batch starts at b; a quarter read, b stores APPEAL_HOME's small list and owes its callback; half
        // read, b is killed
        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(uncheck(() -> upload(b, batch)));
        awaitIngestRead(a, batch.tag(), upload, BATCH_ENTRIES / 4);
        assertEquals(201, upload(b, small), "APPEAL_HOME's list, stored at b while b reads the big batch");
        Instant debtRecorded = Instant.now();
        long owedSeq = feed(a).lastSeqOf(APPEAL_HOME, small.tag());
        // b posts the callback it owes after its commit and is refused: the debt stays owed, claimed by b
        awaitUntil(Duration.ofSeconds(20), () -> appealHome.refusedCallbacks.contains(owedSeq));
        assertTrue(appealHome.refusedCallbacks.contains(owedSeq), "b called back for changes up to " + owedSeq
                + " and was refused: " + appealHome.refusedCallbacks);

        IngestSeen atKill = awaitIngestRead(a, batch.tag(), upload, BATCH_ENTRIES / 2);
        instances.second().process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        instances.second().process().waitFor();
        Instant killed = Instant.now();
        Duration debtAge = Duration.between(debtRecorded, killed);
        int answeredAtKill = load.answered.get();
        assertTrue(appealHome.callbacks.isEmpty() && appealHome.appeals.isEmpty() && appealHome.venueScans
                .isEmpty(), "nothing owed was delivered before the kill: callbacks " + appealHome.callbacks
                        + ", appeals " + appealHome.appeals.keySet() + ", scans " + appealHome.venueScans.keySet());
        // the platform is back: what b owed is now another instance's to deliver
        appealHome.appealsDown = false;
        appealHome.venueScansDown = false;
        appealHome.callbacksDown = false;
        int uploadAnswer = upload.handle((status, failure) -> failure == null ? status : -1).get();
        assertEquals(-1, uploadAnswer, "the kill cut the upload before its answer (" + atKill + ")");
        Thread.sleep(2_000); // load keeps going on the survivor; b's connections are gone from PostgreSQL

        // never half: the cut batch left nothing, in the entries nor in the feed, and can be uploaded again
        JsonNode progress = send(a, "GET", "/v1/lists/batches/" + batch.tag(), memberAuth(HOME, HOME_KEY), null,
                -1);
        String afterKill = progress.path("state").asText("ABSENT");
        long entriesAfterKill = storedEntries(a, "31");
        Feed feedAfterKill = feed(a);
        int batchChangesAfterKill = feedAfterKill.changesOf(HOME, batch.tag());
        assertTrue(entriesAfterKill == 0 || entriesAfterKill == BATCH_ENTRIES, "never half a batch: "
                + entriesAfterKill + " entries of " + HOME + " stored after the kill");
        assertEquals(entriesAfterKill, batchChangesAfterKill, "the feed holds exactly the changes of what is stored");
        assertEquals(entriesAfterKill == BATCH_ENTRIES, "STORED".equals(afterKill), "the batch is " + afterKill
                + " with " + entriesAfterKill + " entries stored");
        assertTrue(feedAfterKill.latestSeq() >= owedSeq, feedAfterKill + " after " + owedSeq);

        // the callback b owed: the survivor takes it over once b's claim lapses, and delivers it once
        Instant owedSince = Instant.now();
        awaitUntil(CALLBACK_CLAIM.plusSeconds(30), () -> appealHome.callbacks.contains(feedAfterKill.latestSeq()));
        Duration owedDeliveredAfter = Duration.between(killed, Instant.now());
        assertEquals(List.of(feedAfterKill.latestSeq()), List.copyOf(appealHome.callbacks),
                "the survivor delivered the callback b owed (changes up to " + feedAfterKill.latestSeq() + "), once"
                        + " (waited " + Duration.between(owedSince, Instant.now()).toMillis() + " ms)");

        boolean reuploaded = entriesAfterKill == 0;
        if (reuploaded) {
            assertEquals(201, upload(a, batch), "the cut batch uploads again, whole, at the survivor");
        }
        JsonNode stored = send(a, "GET", "/v1/lists/batches/" + batch.tag(), memberAuth(HOME, HOME_KEY), null, 200);
        assertEquals("STORED", stored.path("state").asText(), stored.toString());
        assertEquals(BATCH_ENTRIES, stored.path("count").asLong(), "never half a batch");

        // the home's primary data centre goes away while the load runs: its standby answers, each within the
        // member-call timeout (and a margin) however the primary fails
        int standbyBefore = standby.verifications.get();
        int answeredBefore = load.answered.get();
        primary.close();
        load.measureFrom = System.nanoTime();
        Thread.sleep(3_000);
        load.stop();
        int afterPrimaryLost = load.answered.get() - answeredBefore;
        int byStandby = standby.verifications.get() - standbyBefore;
        List<Long> primaryLostMillis = List.copyOf(load.measuredMillis);
        long worstAfterPrimaryLost = primaryLostMillis.stream().mapToLong(Long::longValue).max().orElse(-1);

        awaitUntil(Duration.ofSeconds(90), () -> appealHome.appeals.keySet().containsAll(appealIds)
                && appealHome.venueScans.keySet().containsAll(scanIds));
        Feed feedAtEnd = feed(a);
        awaitUntil(Duration.ofSeconds(30), () -> appealHome.callbacks.contains(feedAtEnd.latestSeq()));
        Thread.sleep(3_000); // a doubled delivery would arrive by now
        long entriesAtEnd = storedEntries(a, "31");

        // a rolling restart: b comes back, then stops gracefully (SIGTERM) under load; it answers what it took
        Processes.Hub restarted = instances.startAnother("b2");
        Load rolling = new Load(List.of(restarted.url(), a), session, HOME, HOME_KEY, "310102");
        rolling.start(CLIENTS);
        Thread.sleep(1_500);
        int takenByRestarted = rolling.answeredAt(restarted.url());
        Instant drainStarted = Instant.now();
        restarted.process().destroy();
        assertTrue(restarted.process().waitFor(40, java.util.concurrent.TimeUnit.SECONDS), "b2 stopped in time");
        long drainMillis = Duration.between(drainStarted, Instant.now()).toMillis();
        int exitCode = restarted.process().exitValue();
        Thread.sleep(1_000);
        rolling.stop();

        Map<String, Integer> audited = audited(a, session, "VERIFICATION");
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
        Map<String, Integer> auditedScans = audited(a, session, "VENUE_SCAN");
        JsonNode chain = send(a, "GET", "/v1/audit/verify", Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null,
                200);
        List<Long> callbacks = List.copyOf(appealHome.callbacks);

        System.out.printf(
                """
                        FAILOVER instance b killed (SIGKILL) at %s with %d verifications answered, its batch then %s \
                        (upload answered %s); right after: %s at the survivor, %d entries stored, %d changes of it in \
                        the feed
                        FAILOVER batch of %d entries: %s; at the end %d entries stored, %d changes of it in the feed \
                        (latest seq %d)
                        FAILOVER verifications (%d clients): %d answered, %d failed, %d attempts at b cut or refused \
                        after the kill, %d retried on the other instance, %d of those retries succeeded
                        FAILOVER audit: %d codes recorded exactly as often as answered, %d recorded once more for an \
                        attempt the kill cut before its answer; %d venue scans audited accepted once and delivered once; chain check %s
                        FAILOVER appeals: %d filed at b while the home was down, %d delivered, %d deliveries in all
                        FAILOVER venue scans: %d filed at b while the venue platform was down (%d delivery attempts refused), \
                        %d delivered, %d deliveries in all
                        FAILOVER callbacks: b recorded a debt up to seq %d, refused %d times, and died %d ms later \
                        %s (claim %d s); the survivor delivered seq %d %d ms after the kill; notifications %s, \
                        %d distinct, last latestSeq %d, feed latest %d
                        FAILOVER primary data centre stopped: %d verifications answered in the next 3 s, %d by the \
                        standby, %d not GREEN, slowest %d ms (timeout %d ms + margin %d ms)
                        FAILOVER rolling restart: %d answered by b2 while it was up, then b2 drained on \
                        SIGTERM in %d ms (exit %d); then %d answered in all, %d refused while draining (503) or \
                        closed, all retried at a: %d retries, %d succeeded, %d failed%n""",
                killed, answeredAtKill, atKill, uploadAnswer == -1 ? "never (connection cut)" : uploadAnswer,
                afterKill, entriesAfterKill, batchChangesAfterKill,
                BATCH_ENTRIES, reuploaded ? "nothing of it stored by b, re-uploaded whole at a"
                        : "stored whole by b before it died",
                entriesAtEnd, feedAtEnd.changesOf(HOME, batch.tag()), feedAtEnd.latestSeq(),
                CLIENTS, load.answered.get(), load.failed.get(), load.cut.get(), load.retries.get(),
                load.retriesAnswered.get(), exactlyOnce, cutButRecorded, scanIds.stream().filter(id -> auditedScans
                        .getOrDefault(id + " ACCEPTED", 0) == 1 && auditedScans.getOrDefault(id + " DELIVERED", 0) == 1)
                        .count(), chain.toString(),
                appealIds.size(), appealHome.appeals.size(), appealHome.appeals.values().stream().mapToInt(
                        Integer::intValue).sum(),
                scanIds.size(), appealHome.refusedVenueScans.get(), appealHome.venueScans.size(),
                appealHome.venueScans.values().stream().mapToInt(Integer::intValue).sum(),
                owedSeq, appealHome.refusedCallbacks.size(), debtAge.toMillis(), debtAge.compareTo(CALLBACK_CLAIM) < 0
                        ? "still holding it" : "after its claim had lapsed", CALLBACK_CLAIM.toSeconds(),
                feedAfterKill.latestSeq(), owedDeliveredAfter.toMillis(), callbacks,
                callbacks.stream().distinct().count(), callbacks.isEmpty() ? 0 : callbacks.get(callbacks.size() - 1),
                feedAtEnd.latestSeq(),
                afterPrimaryLost, byStandby, load.notGreen.get(), worstAfterPrimaryLost,
                MEMBER_CALL_TIMEOUT.toMillis(), LATENCY_MARGIN.toMillis(),
                takenByRestarted, drainMillis, exitCode, rolling.answered.get(), rolling.cut.get() + rolling.refused
                        .get(), rolling.retries.get(), rolling.retriesAnswered.get(), rolling.failed.get());

        assertEquals(0, load.failed.get(), "no verification failed for good: " + load.failures);
        assertEquals(0, rolling.failed.get(), "no verification failed for good in the rolling restart: "
                + rolling.failures);
        assertEquals(rolling.retries.get(), rolling.retriesAnswered.get());
        assertTrue(takenByRestarted > 0, "the restarted instance took requests before it stopped");
        assertEquals(0, rolling.notGreen.get());
        // it stops taking requests at once (503, asked elsewhere) and finishes what it holds, well before the 25 s
        // shutdown timeout that would cut those: a drain that ran into it would be a hub still taking requests
        assertTrue(drainMillis < 10_000, "drained in " + drainMillis + " ms");
        assertTrue(rolling.refused.get() + rolling.cut.get() > 0, "b2 turned requests away as it stopped (else the"
                + " rolling restart proves nothing)");
        assertTrue(load.cut.get() > 0 && load.retries.get() > 0,
                "the kill cut some requests (else this test proves nothing)");
        assertEquals(load.retries.get(), load.retriesAnswered.get(), "every retry on the survivor succeeded");
        assertEquals(0, load.notGreen.get(), "every answer was the home's GREEN");
        assertTrue(chain.path("intact").asBoolean(false), "the audit chains hold across the kill: " + chain);

        assertEquals(BATCH_ENTRIES, entriesAtEnd, "the batch is stored whole, once");
        assertEquals(BATCH_ENTRIES, feedAtEnd.changesOf(HOME, batch.tag()), "each entry is one change in the feed");
        for (String id : appealIds) {
            assertEquals(1, appealHome.appeals.getOrDefault(id, 0), "appeal " + id + " delivered exactly once");
        }
        for (String id : scanIds) {
            assertEquals(1, appealHome.venueScans.getOrDefault(id, 0), "venue scan " + id
                    + " delivered exactly once: " + appealHome.venueScans);
            assertEquals(1, auditedScans.getOrDefault(id + " ACCEPTED", 0), "venue scan " + id + " accepted once");
            assertEquals(1, auditedScans.getOrDefault(id + " DELIVERED", 0), "venue scan " + id + " delivered once");
        }
        assertEquals(VENUE_SCANS, appealHome.venueScans.size(), "no other scan arrived: " + appealHome.venueScans);
        assertTrue(callbacks.contains(feedAfterKill.latestSeq()), "the callback b owed arrived: " + callbacks);
        assertEquals(feedAtEnd.latestSeq(), callbacks.get(callbacks.size() - 1),
                "the last notification names the feed's latest change: " + callbacks);
        assertEquals(callbacks.size(), callbacks.stream().distinct().count(),
                "no list-change notification arrived twice: " + callbacks);
        // all GREEN (above), and the standby answered them all but those the primary was answering as it went
        assertTrue(afterPrimaryLost > 0 && byStandby >= afterPrimaryLost - CLIENTS,
                "the standby answered the verifications after the primary went: " + byStandby + " of "
                        + afterPrimaryLost);
        assertTrue(!primaryLostMillis.isEmpty() && worstAfterPrimaryLost <= MEMBER_CALL_TIMEOUT.plus(LATENCY_MARGIN)
                .toMillis(), "with the primary gone each verification is answered within the member-call timeout"
                        + " and a margin: slowest " + worstAfterPrimaryLost + " ms of " + primaryLostMillis.size());
    }

    /**
     * A member's primary data centre that hangs (takes the request, never answers) rather than refusing connections:
     * the first verifications wait out the member-call timeout and are answered by the standby; once the breaker has
     * seen its share of failures it opens, and the rest go straight to the standby, quickly; none takes longer than
     * the timeout and a margin, and every answer is the home's GREEN.
     */
    @Test
    void aHangingPrimaryOpensItsBreakerAndItsStandbyAnswersAtOnce() throws Exception {
        URI a = instances.first().url();
        Load load = new Load(List.of(a), session(a), HANG_HOME, HANG_HOME_KEY, "330102");
        load.start(CLIENTS);
        // the primary answers until the breaker's window is full of successes, as in production before a failure
        awaitUntil(Duration.ofSeconds(30), () -> hangingPrimary.verifications.get() >= 2 * BREAKER_WINDOW);
        int standbyBefore = hangStandby.verifications.get();
        hangingPrimary.hanging = true;
        load.measureFrom = System.nanoTime();
        Duration hangFor = Duration.ofSeconds(8);
        Thread.sleep(hangFor.toMillis());
        load.stop();
        int byStandby = hangStandby.verifications.get() - standbyBefore;
        List<Long> millis = List.copyOf(load.measuredMillis);
        long timeout = MEMBER_CALL_TIMEOUT.toMillis();
        long slow = millis.stream().filter(m -> m >= timeout).count();
        long quick = millis.size() - slow;
        long worst = millis.stream().mapToLong(Long::longValue).max().orElse(-1);
        // the calls that wait out the timeout: enough failures to open the breaker, those already waiting when it
        // opened (one per client), one trial call per breaker delay, and as many again for the margin
        int failuresToOpen = (int) Math.ceil(BREAKER_FAILURE_RATIO * BREAKER_WINDOW);
        long trials = hangFor.toMillis() / BREAKER_DELAY.toMillis() + 1;
        long slowBound = failuresToOpen + 2L * CLIENTS + trials;
        // without a breaker every call would wait: about CLIENTS per timeout for as long as the primary hangs
        long withoutBreaker = CLIENTS * hangFor.toMillis() / timeout;

        System.out.printf("FAILOVER primary data centre hangs (%d clients, %d s): %d verifications answered, %d by"
                + " the standby, %d taken and never answered by the primary, %d waited out the %d ms timeout (at most"
                + " %d allowed; about %d without a breaker), %d answered at once, slowest %d ms, %d not GREEN, %d"
                + " failed%n", CLIENTS, hangFor.toSeconds(), millis.size(), byStandby, hangingPrimary.hungVerifications
                        .get(), slow, timeout, slowBound, withoutBreaker, quick, worst, load.notGreen.get(),
                load.failed.get());

        assertEquals(0, load.failed.get(), "no verification failed: " + load.failures);
        assertEquals(0, load.notGreen.get(), "every answer was the home's GREEN, from the standby");
        assertTrue(hangingPrimary.hungVerifications.get() > 0 && slow > 0,
                "the primary really hung and verifications waited for it");
        assertTrue(byStandby >= millis.size(), "the standby answered every verification asked while the primary"
                + " hung: " + byStandby + " of " + millis.size());
        assertTrue(slow <= slowBound, "the breaker opened after a few slow verifications: " + slow + " waited the"
                + " timeout, at most " + slowBound + " allowed (" + withoutBreaker + " without a breaker)");
        assertTrue(quick >= 100 && quick >= 3 * slow, "once the breaker opened the standby answered at once: " + quick
                + " quick, " + slow + " slow");
        assertTrue(worst <= MEMBER_CALL_TIMEOUT.plus(LATENCY_MARGIN).toMillis(), "no verification waited longer"
                + " than the member-call timeout and a margin: slowest " + worst + " ms");
    }

    private record IngestSeen(String state, long linesRead) {

        @Override
        public String toString() {
            return state + " after " + linesRead + " lines";
        }
    }

    /**
     * Waits, as seen from a, until the batch's ingest at b has read at least {@code lines} of it (or is past reading,
     * verifying or diffing it) while its upload has no answer yet.
     */
    private static IngestSeen awaitIngestRead(URI a, String tag, CompletableFuture<Integer> upload, long lines)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        String seen = "nothing";
        while (Instant.now().isBefore(deadline) && !upload.isDone()) {
            JsonNode progress = send(a, "GET", "/v1/lists/batches/" + tag, memberAuth(HOME, HOME_KEY), null, -1);
            String state = progress.path("state").asText("");
            long read = progress.path("linesRead").asLong();
            seen = state + " after " + read + " lines";
            if (state.equals("VERIFYING") || state.equals("DIFFING") || (state.equals("RECEIVED") && read >= lines)) {
                return new IngestSeen(state, read);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ingest at b was never seen past " + lines + " lines with its upload unanswered"
                + " (last seen " + seen + ", upload " + (upload.isDone() ? "answered " + upload.handle((s, f) -> f
                        == null ? s : f).get() : "unanswered") + ")");
    }

    /**
     * The checkpoint client: verifications of {@code home}'s codes over the instances in turn; a cut request is
     * retried at the other. Answers to attempts started after {@link #measureFrom} are timed.
     */
    private static final class Load {

        final AtomicInteger answered = new AtomicInteger();
        /** Answers by the instance that gave them. */
        final Map<URI, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger notGreen = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger retriesAnswered = new AtomicInteger();
        final Map<String, Integer> answeredByCode = new ConcurrentHashMap<>();
        final Map<String, Integer> cutByCode = new ConcurrentHashMap<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        /** {@link System#nanoTime()} from which answered attempts are timed into {@link #measuredMillis}. */
        volatile long measureFrom = Long.MAX_VALUE;
        /** How long each answered attempt started since {@link #measureFrom} took, in milliseconds. */
        final List<Long> measuredMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<URI> instances;
        private final String session;
        private final String home;
        private final Jwk homeKey;
        private final String region;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger turn = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(List<URI> instances, String session, String home, Jwk homeKey, String region) {
            this.instances = instances;
            this.session = session;
            this.home = home;
            this.homeKey = homeKey;
            this.region = region;
        }

        void start(int clients) {
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(this::run, "checkpoint-" + i);
                thread.start();
                threads.add(thread);
            }
        }

        int answeredAt(URI instance) {
            return answeredBy.getOrDefault(instance, new AtomicInteger()).get();
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
                String code = CODES.encode(new CodeClaims(home, "sub-" + jti, jti, Colour.GREEN, region, iat,
                        iat.plusSeconds(60)), homeKey);
                String body = "{\"code\":\"" + code + "\",\"checkpoint\":{\"id\":\"gate-7\",\"region\":\"610102\","
                        + "\"kind\":\"TRANSPORT\"},\"purpose\":\"entry\"}";
                int first = Math.floorMod(turn.getAndIncrement(), instances.size());
                boolean retry = false;
                for (int attempt = 0; attempt < instances.size(); attempt++) {
                    URI instance = instances.get((first + attempt) % instances.size());
                    long started = System.nanoTime();
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
                            if (started - measureFrom >= 0) {
                                measuredMillis.add((System.nanoTime() - started) / 1_000_000);
                            }
                            answered.incrementAndGet();
                            answeredBy.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
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

    private record Batch(String member, Jwk key, String tag, LocalDate day, byte[] body, String signature) {}

    /**
     * {@code size} made-up residents of the region whose ID numbers start with {@code idPrefix}, pseudonymised with
     * the federation's list key, listed in region {@code rgn}: {@code member}'s whole list, signed by it.
     */
    private static Batch batch(byte[] listKey, String member, Jwk key, String tag, int size, String idPrefix,
            String rgn) {
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3_600);
        Instant until = since.plus(Duration.ofDays(14));
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        List<ListEntry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String digits = idPrefix + LocalDate.of(1950, 1, 1).plusDays(i / 1000).format(yyyymmdd)
                    + String.format("%03d", i % 1000);
            String sub = ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits)).pseudonym(listKey);
            entries.add(new ListEntry(sub, i % 10 == 0 ? Colour.RED : Colour.YELLOW, since, until, "close-contact",
                    rgn));
        }
        LocalDate day = LocalDate.now(ResidentIdNumber.CHINA);
        BatchManifest manifest = new BatchManifest(member, tag, day, entries.size(),
                CanonicalBatch.digest(entries, BatchDigest.forProfile(key.profile())));
        return new Batch(member, key, tag, day, CanonicalBatch.canonicalBytes(entries), BatchSignature.sign(manifest,
                key));
    }

    private static int upload(URI instance, Batch batch) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(instance.resolve("/v1/lists/batches?member="
                + batch.member() + "&batchTag=" + batch.tag() + "&day=" + batch.day()))
                .header("Content-Type", "application/x-ndjson")
                .header("Ymt-Batch-Signature", batch.signature())
                .header(ClientAssertion.HEADER, ClientAssertion.sign(batch.key(), batch.member(), HUB, Instant.now()))
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    /** A venue code of APPEAL_HOME's, a station in Nanjing, signed by the platform. */
    private static String venueCode() {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        return VENUES.encode(new VenueClaims(APPEAL_HOME, "nj-south-1", "320102", VenueKind.STATION, "南京南站", iat,
                iat.plus(Duration.ofDays(300))), APPEAL_HOME_KEY);
    }

    /** The change feed read whole: its latest sequence value, and how many changes each member's batch made. */
    private record Feed(long latestSeq, Map<String, Integer> changesByBatch, Map<String, Long> lastSeqByBatch) {

        int changesOf(String member, String tag) {
            return changesByBatch.getOrDefault(member + " " + tag, 0);
        }

        long lastSeqOf(String member, String tag) {
            Long seq = lastSeqByBatch.get(member + " " + tag);
            assertTrue(seq != null, "no change of " + member + "'s batch " + tag + " in the feed");
            return seq;
        }
    }

    private static Feed feed(URI hub) throws Exception {
        Map<String, Integer> byBatch = new HashMap<>();
        Map<String, Long> lastByBatch = new HashMap<>();
        long latest = 0;
        String after = null;
        JsonNode page;
        do {
            page = send(hub, "GET", "/v1/lists/changes?limit=10000" + (after == null ? "" : "&after=" + after),
                    memberAuth(HOME, HOME_KEY), null, 200);
            for (JsonNode change : page.path("changes")) {
                long seq = change.path("seq").asLong();
                String batch = change.path("member").asText() + " " + change.path("batchTag").asText();
                latest = Math.max(latest, seq);
                byBatch.merge(batch, 1, Integer::sum);
                lastByBatch.merge(batch, seq, Math::max);
            }
            after = page.path("next").asText();
        } while (page.path("hasMore").asBoolean(false));
        return new Feed(latest, byBatch, lastByBatch);
    }

    /** How many entries the hub's snapshot holds in regions starting with {@code regionPrefix}. */
    private static long storedEntries(URI hub, String regionPrefix) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.resolve("/v1/lists/snapshot"))
                .timeout(Duration.ofSeconds(60));
        memberAuth(HOME, HOME_KEY).forEach(request::header);
        HttpResponse<InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        long count = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(answer.body()),
                StandardCharsets.UTF_8))) {
            assertEquals(200, answer.statusCode(), "the snapshot");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (Calls.JSON.readTree(line).path("rgn").asText().startsWith(regionPrefix)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * How many events of {@code action} by the checkpoint the audit holds for each target (code id, scan id), and for
     * each target and outcome ({@code "<target> <outcome>"}).
     */
    private static Map<String, Integer> audited(URI instance, String session, String action) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        String after = null;
        do {
            JsonNode page = send(instance, "GET", "/v1/audit?action=" + action + "&limit=1000" + (after == null ? ""
                    : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)),
                    Map.of("Authorization", "Bearer " + session), null, 200);
            for (JsonNode event : page.path("events")) {
                if (CHECKPOINT.equals(event.path("actor").asText())) {
                    counts.merge(event.path("target").asText(), 1, Integer::sum);
                    counts.merge(event.path("target").asText() + " " + event.path("outcome").asText(), 1,
                            Integer::sum);
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

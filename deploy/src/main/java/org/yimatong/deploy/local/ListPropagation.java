package org.yimatong.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PERF-7 (DESIGN.md §11): list changes accepted at a leaf hub, and how long until every hub of the tree answers
 * them. The platform under the leaf hub takes the federation's list key from its hub, as any platform does,
 * pseudonymises made-up residents with it and uploads its growing daily list one change at a time, signed with its
 * own key; meanwhile each hub is asked by a green lookup (of a platform attached to it) until it answers the new
 * entry. The time of a change is from its upload's acceptance to the last hub that answers it.
 */
final class ListPropagation {

    /** A platform's identity at one hub: who asks, with which key, where. */
    record Asker(String hubName, URI hub, String hubId, String memberId, Path keyFile) {}

    /** What the run measured. */
    record Result(int changes, int seen, List<Long> millis) {

        long percentile(double p) {
            if (millis.isEmpty()) {
                return -1;
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SecureRandom random = new SecureRandom();

    /**
     * Uploads {@code changes} one by one as {@code uploader} (every {@code spacing}) and waits up to {@code limit}
     * for every {@code asker} to answer each of them.
     */
    Result run(Asker uploader, List<Asker> askers, int changes, Duration spacing, Duration limit)
            throws IOException, InterruptedException {
        byte[] listKey = listKey(uploader);
        Jwk key = Jwk.parse(Files.readString(uploader.keyFile()));
        String region = uploader.memberId().substring(uploader.memberId().lastIndexOf(':') + 1);
        List<ListEntry> list = new ArrayList<>();
        AtomicReferenceArray<Instant> accepted = new AtomicReferenceArray<>(changes);
        AtomicReferenceArray<String> subs = new AtomicReferenceArray<>(changes);
        Map<Integer, Instant> lastSeen = new ConcurrentHashMap<>();
        Map<String, Boolean> seenAt = new ConcurrentHashMap<>();
        String run = Long.toHexString(random.nextLong());
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant until = since.plus(Duration.ofDays(30));
        Thread poller = new Thread(() -> poll(askers, subs, accepted, seenAt, lastSeen, region), "perf-7-poller");
        poller.setDaemon(true);
        poller.start();
        try {
            for (int i = 0; i < changes; i++) {
                String sub = madeUpResident(region).pseudonym(listKey);
                list.add(new ListEntry(sub, Colour.RED, since, until, "perf-7", region));
                upload(uploader, key, "perf7-" + run + "-" + i, list);
                subs.set(i, sub);
                accepted.set(i, Instant.now());
                Thread.sleep(spacing.toMillis());
            }
            Instant deadline = Instant.now().plus(limit);
            while (lastSeen.size() < changes && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } finally {
            poller.interrupt();
            poller.join(5_000);
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            Instant seen = lastSeen.get(i);
            if (seen != null) {
                millis.add(Duration.between(accepted.get(i), seen).toMillis());
            }
        }
        return new Result(changes, millis.size(), millis);
    }

    /** Asks every hub about every change not yet answered there; notes when the last hub answers each. */
    private void poll(List<Asker> askers, AtomicReferenceArray<String> subs, AtomicReferenceArray<Instant> accepted,
            Map<String, Boolean> seenAt, Map<Integer, Instant> lastSeen, String region) {
        while (!Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < subs.length(); i++) {
                if (accepted.get(i) == null || lastSeen.containsKey(i)) {
                    continue;
                }
                boolean everywhere = true;
                for (Asker asker : askers) {
                    String mark = i + "@" + asker.hubName();
                    if (!seenAt.containsKey(mark)) {
                        if (isRed(asker, subs.get(i), region)) {
                            seenAt.put(mark, true);
                        } else {
                            everywhere = false;
                        }
                    }
                }
                if (everywhere) {
                    lastSeen.put(i, Instant.now());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isRed(Asker asker, String sub, String region) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(asker.hub().resolve("/v1/green-lookups"))
                    .header("Content-Type", "application/json")
                    .header(ClientAssertion.HEADER, Calls.assertion(asker.keyFile(), asker.memberId(), asker.hubId()))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + sub + "\",\"rgn\":\"" + region + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && Calls.JSON.readTree(answer.body()).path("status").asText().equals(
                    "RED");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void upload(Asker uploader, Jwk key, String tag, List<ListEntry> entries)
            throws IOException, InterruptedException {
        LocalDate day = LocalDate.now(ResidentIdNumber.CHINA);
        BatchManifest manifest = new BatchManifest(uploader.memberId(), tag, day, entries.size(),
                CanonicalBatch.digest(entries, BatchDigest.forProfile(key.profile())));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uploader.hub().resolve(
                "/v1/lists/batches?member="
                        + uploader.memberId() + "&batchTag=" + tag + "&day=" + day))
                .header("Content-Type", "application/x-ndjson")
                .header("Ymt-Batch-Signature", BatchSignature.sign(manifest, key))
                .header(ClientAssertion.HEADER, Calls.assertion(uploader.keyFile(), uploader.memberId(), uploader
                        .hubId()))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalBatch.canonicalBytes(entries))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IOException("batch " + tag + " refused: HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The federation's list key as the uploader's hub hands it to the uploader. */
    private byte[] listKey(Asker uploader) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uploader.hub().resolve("/v1/lists/key"))
                .header(ClientAssertion.HEADER, Calls.assertion(uploader.keyFile(), uploader.memberId(), uploader
                        .hubId()))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode key = Calls.JSON.readTree(answer.body());
        if (answer.statusCode() != 200) {
            throw new IOException("no list key from " + uploader.hubName() + ": HTTP " + answer.statusCode());
        }
        return Base64.getUrlDecoder().decode(key.path("key").asText());
    }

    /** A made-up resident of {@code region} (a valid check character, never a real person's number). */
    ResidentIdNumber madeUpResident(String region) {
        String digits = region + "19" + (50 + random.nextInt(50)) + String.format("%02d%02d", 1 + random.nextInt(12),
                1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        return ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits));
    }
}

package org.yimatong.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

class ListPublicationTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    static final byte[] HUB_LIST_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            HUB_LIST_KEY[i] = (byte) (i * 7 + 1);
        }
    }

    @RegisterExtension
    final WireMockExtension hub = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path inbox;
    RunningSimulator running;

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void batchSignatureVerifiesAndItsDigestIsTheCanonicalOne() throws Exception {
        running = RunningSimulator.start("--residents", "200");

        MemberSimulator.Publication publication = running.sim.publish("none", DAY);
        ListPublication.Batch batch = publication.pushed();

        BatchSignature.verify(batch.signature(), batch.manifest(), running.sim.keySet());
        assertEquals(CanonicalBatch.digest(batch.entries(), BatchDigest.SM3), batch.manifest().digest());
        assertArrayEquals(CanonicalBatch.canonicalBytes(batch.entries()), batch.body());
        long listed = running.sim.population().all().stream().filter(r -> r.colour() != Colour.GREEN).count();
        assertEquals(listed, batch.manifest().count());
        assertTrue(listed >= 2);
    }

    @Test
    void entriesArePseudonymisedWithTheListKey() throws Exception {
        running = RunningSimulator.startWithTestKey();
        Resident red = running.sim.population().byNumber(3).orElseThrow();

        ListPublication.Batch batch = running.sim.publish("none", DAY).pushed();

        String sub = red.idNumber().pseudonym(RunningSimulator.LIST_KEY);
        ListEntry entry = batch.entries().stream().filter(e -> e.sub().equals(sub)).findFirst().orElseThrow();
        assertEquals(Colour.RED, entry.col());
        assertEquals("310000", entry.rgn());
        assertEquals("confirmed-case", entry.reason());
    }

    @Test
    void fileDropWritesTheSignatureAndTheBatchTaggedWithTheDay() throws Exception {
        running = RunningSimulator.start("--inbox", inbox.toString(), "--alg", "ES256");

        MemberSimulator.Publication publication = running.sim.publish("inbox", DAY);

        Path folder = inbox.resolve("ymt:member:310000");
        assertEquals(folder.resolve("2026-11-27.ndjson"), publication.droppedFile().orElseThrow());
        byte[] body = Files.readAllBytes(folder.resolve("2026-11-27.ndjson"));
        String signature = Files.readString(folder.resolve("2026-11-27.sig"));
        List<ListEntry> entries = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            entries.add(ListEntry.parseLine(lines[i], i + 1));
        }
        BatchManifest manifest = new BatchManifest("ymt:member:310000", "2026-11-27", DAY, entries.size(),
                CanonicalBatch.digest(entries, BatchDigest.SHA_256));
        BatchSignature.verify(signature, manifest, running.sim.keySet());
        try (var leftovers = Files.list(folder)) {
            assertEquals(2, leftovers.count());
        }
    }

    @Test
    void pushToTheHubCarriesTheSignatureAndAClientAssertionWithTheHubsListKey() throws Exception {
        hub.stubFor(get(urlPathEqualTo("/v1/lists/key")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"epoch\":\"2026-11\",\"alg\":\"HMAC-SM3\",\"key\":\"" + Base64Url.encode(HUB_LIST_KEY)
                        + "\",\"validFrom\":\"2026-11-01T00:00:00Z\",\"validUntil\":\"2099-12-01T00:00:00Z\"}")));
        hub.stubFor(post(urlPathEqualTo("/v1/lists/batches")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"added\":3}")));
        running = RunningSimulator.start("--hub-url", hub.baseUrl(), "--hub-id", "ymt:hub:yrd", "--list-key", "hub");

        MemberSimulator.Publication publication = running.sim.publish("hub", DAY);

        assertEquals(201, publication.hubAnswer().orElseThrow().status());
        LoggedRequest pushed = hub.findAll(postRequestedFor(urlPathEqualTo("/v1/lists/batches"))).get(0);
        BatchManifest manifest = publication.pushed().manifest();
        assertEquals("ymt:member:310000", pushed.queryParameter("member").firstValue());
        assertEquals(manifest.batchTag(), pushed.queryParameter("batchTag").firstValue());
        assertEquals("2026-11-27", pushed.queryParameter("day").firstValue());
        assertEquals("application/x-ndjson", pushed.getHeader("Content-Type"));
        BatchSignature.verify(pushed.getHeader("Ymt-Batch-Signature"), manifest, running.sim.keySet());
        assertArrayEquals(publication.pushed().body(), pushed.getBody());
        String sub = running.sim.population().byNumber(2).orElseThrow().idNumber().pseudonym(HUB_LIST_KEY);
        assertTrue(pushed.getBodyAsString().contains(sub));

        JsonNode assertion = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(pushed.getHeader("Ymt-Client-Assertion"), running.sim.keySet()).payload());
        assertEquals("ymt:member:310000", assertion.get("iss").asText());
        assertEquals("ymt:member:310000", assertion.get("sub").asText());
        assertEquals("ymt:hub:yrd", assertion.get("aud").asText());
        assertEquals(60, assertion.get("exp").asLong() - assertion.get("iat").asLong());
        assertTrue(assertion.get("jti").asText().length() >= 16);
    }

    @Test
    void publishPathAnswersTheManifest() throws Exception {
        running = RunningSimulator.start();

        RunningSimulator.Answer answer = running.post("/sim/lists/publish", "{\"to\":\"none\",\"day\":\"2026-11-27\"}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals("2026-11-27", answer.json().get("manifest").get("day").asText());
        assertTrue(answer.json().get("manifest").get("digest").asText().startsWith("sm3:"));
    }
}

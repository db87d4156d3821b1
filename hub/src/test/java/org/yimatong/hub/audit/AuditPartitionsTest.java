package org.yimatong.hub.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.AuditEvent.Action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit trail rolls over by day: with the clock moved past the online window (ymt.audit.days-online, 30), a
 * day's partition is exported (gzipped NDJSON), its signed manifest recorded, the partition dropped, and the chain
 * check still proves every chain from its archived link to its head; an online event missing right after the cut is
 * found (the one after it no longer links to the archive).
 */
@QuarkusTest
class AuditPartitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditWriter writer;

    @Inject
    AuditPartitions partitions;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    HubKeyRing keys;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Test
    void aDayPastTheWindowIsArchivedSignedAndDroppedAndTheChainsStillVerifyAcrossTheCut() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        writer.append(event("before-the-cut")).await().atMost(Duration.ofSeconds(5));
        checkpoints.sign().await().atMost(Duration.ofSeconds(5)); // a signed head that the archive will cover
        assertTrue(exists(AuditPartitions.partition(today)));

        clock.advance(Duration.ofDays(32));
        try {
            AuditPartitions.Rollover rollover = partitions.roll().orElseThrow();

            assertTrue(rollover.archived().contains(today), rollover.toString());
            assertFalse(exists(AuditPartitions.partition(today)), "the archived day's partition is dropped");
            assertTrue(exists(AuditPartitions.partition(today.plusDays(32))), "the coming days have partitions");
            Row archive = pool.preparedQuery("select location, events, signature from audit_archive where day = $1")
                    .execute(Tuple.of(today)).await().atMost(Duration.ofSeconds(5)).iterator().next();
            JsonNode manifest = JSON.readTree(new JwsVerifier(EnumSet.allOf(SignatureProfile.class),
                    AuditArchives.TYP).verify(ParsedJws.parseCompact(archive.getString("signature")),
                            keys.publishedKeys()).payload());
            Path file = Path.of(archive.getString("location"));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
                    file))), manifest.path("sha256").asText(), "the signed manifest names the file's digest");
            List<String> lines = lines(file);
            assertEquals(archive.getLong("events").longValue(), lines.size());
            assertEquals(manifest.path("events").asLong(), lines.size());
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"target\":\"before-the-cut\"")));
            assertTrue(manifest.path("chains").has(writer.chainId()), manifest.toString());

            writer.append(event("after-the-cut")).await().atMost(Duration.ofSeconds(5));
            writer.append(event("after-the-cut-too")).await().atMost(Duration.ofSeconds(5));
            given().header("Authorization", TestMembers.ADMIN).when().get("/v1/audit/verify").then()
                    .statusCode(200).body("intact", equalTo(true));

            long cutSeq = manifest.path("chains").path(writer.chainId()).path("lastSeq").asLong();
            Row firstOnline = pool.preparedQuery("select * from audit_event where chain_id = $1 and seq = $2")
                    .execute(Tuple.of(writer.chainId(), cutSeq + 1)).await().atMost(Duration.ofSeconds(5))
                    .iterator().next();
            PastTheTriggers.execute(pool, "delete from audit_event where chain_id = $1 and seq = $2",
                    Tuple.of(writer.chainId(), cutSeq + 1));
            try {
                given().header("Authorization", TestMembers.ADMIN).when().get("/v1/audit/verify").then()
                        .statusCode(200)
                        .body("intact", equalTo(false))
                        .body("firstBrokenLink.chainId", equalTo(writer.chainId()))
                        .body("firstBrokenLink.problem", containsString("event " + (cutSeq + 1) + " is missing"));
            } finally {
                Tuple restored = Tuple.tuple(List.of(firstOnline.getString("chain_id"), firstOnline.getLong("seq"),
                        firstOnline.getOffsetDateTime("at"), firstOnline.getString("actor")))
                        .addValue(firstOnline.getString("member")).addValue(firstOnline.getString("purpose"))
                        .addValue(firstOnline.getString("action")).addValue(firstOnline.getString("target"))
                        .addValue(firstOnline.getString("outcome"))
                        .addValue(firstOnline.getInteger("latency_ms"))
                        .addValue(firstOnline.getBuffer("prev_hash").getDelegate())
                        .addValue(firstOnline.getBuffer("hash").getDelegate());
                PastTheTriggers.execute(pool, "insert into audit_event (chain_id, seq, at, actor, member, purpose,"
                        + " action, target, outcome, latency_ms, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7,"
                        + " $8, $9, $10, $11, $12)", restored);
            }
            given().header("Authorization", TestMembers.ADMIN).when().get("/v1/audit/verify").then()
                    .statusCode(200).body("intact", equalTo(true));
        } finally {
            clock.reset();
        }
    }

    private boolean exists(String table) {
        return pool.preparedQuery("select to_regclass($1) is not null").execute(Tuple.of(table))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getBoolean(0);
    }

    private static List<String> lines(Path file) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files
                .newInputStream(file)), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private AuditEvent event(String target) {
        return new AuditEvent(clock.instant(), "ymt:member:310000", "ymt:member:320000", "checkpoint",
                Action.VERIFICATION, target, "GREEN", 3);
    }
}

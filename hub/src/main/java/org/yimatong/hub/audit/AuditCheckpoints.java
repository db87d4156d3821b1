package org.yimatong.hub.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Signed checkpoints of the audit chains (REQ-AUD-2): the head (last {@code seq} and its hash) of every chain,
 * signed with the hub's key ({@code typ ymt-audit-checkpoint+jwt}) and appended every minute. A chain that later
 * ends before its checkpointed head, or holds another hash there, has lost or changed its tail.
 */
@ApplicationScoped
public class AuditCheckpoints {

    static final String TYP = "ymt-audit-checkpoint+jwt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);
    private static final String HEADS = "select distinct on (chain_id) chain_id, seq, hash from audit_event"
            + " order by chain_id, seq desc";

    /** One chain's head as signed. */
    public record Head(long seq, String hash) {}

    /** The latest checkpoint: when, and the head of each chain then. */
    public record Checkpoint(Instant at, Map<String, Head> heads) {}

    private final Pool pool;
    private final HubKeyRing keys;
    private final Clock clock;

    public AuditCheckpoints(Pool pool, HubKeyRing keys, Clock clock) {
        this.pool = pool;
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(identity = "audit-checkpoint", every = "{ymt.audit.checkpoint-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        // a first start makes the hub's keys while the scheduler already runs: the next round signs
        return keys.canSign() ? sign().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Signs the chains' heads now and appends the checkpoint. */
    public Uni<Checkpoint> sign() {
        return pool.query(HEADS).execute().flatMap(rows -> {
            Instant at = clock.instant();
            ObjectNode heads = JSON.createObjectNode();
            Map<String, Head> signed = new LinkedHashMap<>();
            for (Row row : rows) {
                Head head = new Head(row.getLong("seq"), HexFormat.of().formatHex(row.getBuffer("hash").getBytes()));
                signed.put(row.getString("chain_id"), head);
                heads.putObject(row.getString("chain_id")).put("seq", head.seq()).put("hash", head.hash());
            }
            ObjectNode payload = JSON.createObjectNode().put("at", at.getEpochSecond());
            payload.set("heads", heads);
            String jws = JwsSigner.sign(keys.signingKey(), TYP, payload.toString().getBytes(StandardCharsets.UTF_8));
            return pool.preparedQuery("insert into audit_checkpoint (at, heads, signature) values ($1, $2, $3)")
                    .execute(Tuple.of(at.atOffset(ZoneOffset.UTC), heads.toString(), jws))
                    .replaceWith(new Checkpoint(at, signed));
        });
    }

    /** The latest checkpoint whose signature verifies with this hub's published keys, if any. */
    public Uni<Optional<Checkpoint>> latest() {
        return pool.query("select at, signature from audit_checkpoint order by id desc limit 1").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    JsonNode payload = read(VERIFIER.verify(ParsedJws.parseCompact(row.getString("signature")),
                            keys.publishedKeys()).payload());
                    Map<String, Head> heads = new LinkedHashMap<>();
                    payload.path("heads").fields().forEachRemaining(e -> heads.put(e.getKey(),
                            new Head(e.getValue().path("seq").asLong(), e.getValue().path("hash").asText())));
                    return Optional.of(new Checkpoint(row.getOffsetDateTime("at").toInstant(), heads));
                });
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("an audit checkpoint does not parse", e);
        }
    }
}

package org.yimatong.hub.audit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.payload.AuditEvent.Action;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Walks every chain from its first event and recomputes each hash; the first row whose stored hash,
 * predecessor or position does not match is reported, and so is a tail that a signed checkpoint covered but that is
 * gone. Reads in pages, so a long trail needs little memory.
 */
@ApplicationScoped
public class AuditVerifier {

    private static final int PAGE = 1000;
    private static final String PAGE_QUERY = "select chain_id, seq, at, actor, member, purpose, action, target, outcome,"
            + " latency_ms, prev_hash, hash, subject, origin from audit_event where (chain_id, seq) > ($1, $2)"
            + " order by chain_id, seq limit $3";

    private final Pool pool;
    private final AuditCheckpoints checkpoints;
    private final AuditArchives archives;

    public AuditVerifier(Pool pool, AuditCheckpoints checkpoints, AuditArchives archives) {
        this.pool = pool;
        this.checkpoints = checkpoints;
        this.archives = archives;
    }

    /** The verdict: how many events were checked and, if any, the first broken link. */
    public record Verdict(boolean intact, long eventsChecked, int chains, BrokenLink firstBrokenLink) {}

    public record BrokenLink(String chainId, long seq, String problem) {}

    /**
     * Walks every chain from its first event online, which must continue the chain where the signed archives of
     * older days left it ({@link AuditArchives}), then holds the chains to the latest signed checkpoint: a chain
     * that ends before its checkpointed head, or has another hash there, lost or changed its tail.
     */
    public Uni<Verdict> verify() {
        return archives.cut().flatMap(cut -> {
            if (cut.broken() != null) {
                return Uni.createFrom().item(new Verdict(false, 0, 0, cut.broken()));
            }
            return checkpoints.latest().flatMap(checkpoint -> {
                Walk walk = new Walk(checkpoint.map(AuditCheckpoints.Checkpoint::heads).orElse(Map.of()), cut
                        .heads());
                return walk(walk, "", 0L).map(verdict -> verdict.intact() ? walk.tails(verdict) : verdict);
            });
        });
    }

    private Uni<Verdict> walk(Walk walk, String afterChain, long afterSeq) {
        return pool.preparedQuery(PAGE_QUERY).execute(Tuple.of(afterChain, afterSeq, PAGE)).flatMap(rows -> {
            Row last = null;
            for (Row row : rows) {
                Optional<BrokenLink> broken = walk.check(row);
                if (broken.isPresent()) {
                    return Uni.createFrom().item(new Verdict(false, walk.checked, walk.chains, broken.get()));
                }
                last = row;
            }
            if (rows.size() < PAGE || last == null) {
                return Uni.createFrom().item(new Verdict(true, walk.checked, walk.chains, null));
            }
            return walk(walk, last.getString("chain_id"), last.getLong("seq"));
        });
    }

    /** State carried from one row to the next. */
    private static final class Walk {
        private final Map<String, AuditCheckpoints.Head> signedHeads;
        private final Map<String, AuditCheckpoints.Head> archivedHeads;
        private final Map<String, Long> lastSeq = new HashMap<>();
        private final Map<String, String> hashAtSignedHead = new HashMap<>();
        private String chain;
        private long expectedSeq;
        private byte[] prev;
        private long checked;
        private int chains;

        Walk(Map<String, AuditCheckpoints.Head> signedHeads, Map<String, AuditCheckpoints.Head> archivedHeads) {
            this.signedHeads = signedHeads;
            this.archivedHeads = archivedHeads;
        }

        /** The walked chains against the checkpoint's heads: the first one whose tail is gone or changed. */
        Verdict tails(Verdict walked) {
            for (Map.Entry<String, AuditCheckpoints.Head> signed : signedHeads.entrySet()) {
                String chainId = signed.getKey();
                AuditCheckpoints.Head archived = archivedHeads.get(chainId);
                long archivedSeq = archived == null ? 0 : archived.seq();
                long last = Math.max(lastSeq.getOrDefault(chainId, 0L), archivedSeq);
                if (last < signed.getValue().seq()) {
                    return new Verdict(false, walked.eventsChecked(), walked.chains(), new BrokenLink(chainId, last + 1,
                            "events " + (last + 1) + " to " + signed.getValue().seq() + " are missing: a signed"
                                    + " checkpoint covered them"));
                }
                // a head archived since it was signed is covered by the archive's own signed manifest
                if (signed.getValue().seq() > archivedSeq
                        && !signed.getValue().hash().equals(hashAtSignedHead.get(chainId))) {
                    return new Verdict(false, walked.eventsChecked(), walked.chains(), new BrokenLink(chainId,
                            signed.getValue().seq(), "the event's hash is not the one a signed checkpoint covered"));
                }
            }
            return walked;
        }

        Optional<BrokenLink> check(Row row) {
            String chainId = row.getString("chain_id");
            long seq = row.getLong("seq");
            if (!chainId.equals(chain)) {
                chain = chainId;
                AuditCheckpoints.Head archived = archivedHeads.get(chainId);
                expectedSeq = archived == null ? 1 : archived.seq() + 1;
                prev = archived == null ? AuditChain.GENESIS : HexFormat.of().parseHex(archived.hash());
                chains++;
            }
            checked++;
            if (seq != expectedSeq) {
                return broken(chainId, seq, "event " + expectedSeq + " is missing");
            }
            byte[] storedPrev = row.getBuffer("prev_hash").getBytes();
            if (!Arrays.equals(storedPrev, prev)) {
                return broken(chainId, seq, "prev_hash does not match the hash of the event before");
            }
            AuditEvent event = new AuditEvent(row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                    row.getString("member"), row.getString("purpose"), Action.valueOf(row.getString("action")),
                    row.getString("target"), row.getString("outcome"), row.getInteger("latency_ms"),
                    row.getString("subject"), row.getString("origin"));
            byte[] expected = AuditChain.link(prev, chainId, seq, event);
            byte[] stored = row.getBuffer("hash").getBytes();
            if (!Arrays.equals(expected, stored)) {
                return broken(chainId, seq, "the event's content does not match its hash");
            }
            prev = stored;
            expectedSeq++;
            lastSeq.put(chainId, seq);
            AuditCheckpoints.Head signed = signedHeads.get(chainId);
            if (signed != null && signed.seq() == seq) {
                hashAtSignedHead.put(chainId, HexFormat.of().formatHex(stored));
            }
            return Optional.empty();
        }

        private static Optional<BrokenLink> broken(String chainId, long seq, String problem) {
            return Optional.of(new BrokenLink(chainId, seq, problem));
        }
    }
}

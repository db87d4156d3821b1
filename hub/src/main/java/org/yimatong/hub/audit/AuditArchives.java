package org.yimatong.hub.audit;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The signed manifests of the archived audit days ({@link AuditPartitions}), read back for the chain check: each
 * archive must continue every chain where the one before it left it (or start it at its genesis), and the result is
 * where each chain's online events must continue.
 */
@ApplicationScoped
public class AuditArchives {

    static final String TYP = "ymt-audit-archive+jwt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    /** Where the archives leave each chain, and the first archive that does not continue one (null if none). */
    public record Cut(Map<String, AuditCheckpoints.Head> heads, int days, AuditVerifier.BrokenLink broken) {}

    private final Pool pool;
    private final HubKeyRing keys;

    public AuditArchives(Pool pool, HubKeyRing keys) {
        this.pool = pool;
        this.keys = keys;
    }

    public Uni<Cut> cut() {
        return pool.query("select day, signature from audit_archive order by day").execute().map(rows -> {
            Map<String, AuditCheckpoints.Head> heads = new LinkedHashMap<>();
            int days = 0;
            for (Row row : rows) {
                days++;
                String day = row.getLocalDate("day").toString();
                JsonNode manifest;
                try {
                    manifest = JSON.readTree(VERIFIER.verify(ParsedJws.parseCompact(row.getString("signature")),
                            keys.publishedKeys()).payload());
                } catch (IOException | RuntimeException e) {
                    return new Cut(heads, days, new AuditVerifier.BrokenLink("archive " + day, 0,
                            "its manifest's signature does not verify with this hub's keys"));
                }
                if (!day.equals(manifest.path("day").asText())) {
                    return new Cut(heads, days, new AuditVerifier.BrokenLink("archive " + day, 0,
                            "its signed manifest is for " + manifest.path("day").asText()));
                }
                var chains = manifest.path("chains").fields();
                while (chains.hasNext()) {
                    var chain = chains.next();
                    JsonNode links = chain.getValue();
                    AuditCheckpoints.Head before = heads.get(chain.getKey());
                    long expectedSeq = before == null ? 1 : before.seq() + 1;
                    String expectedPrev = before == null ? HexFormat.of().formatHex(AuditChain.GENESIS)
                            : before.hash();
                    if (links.path("firstSeq").asLong() != expectedSeq
                            || !expectedPrev.equals(links.path("firstPrevHash").asText())) {
                        return new Cut(heads, days, new AuditVerifier.BrokenLink(chain.getKey(), expectedSeq,
                                "the archive of " + day + " does not continue the chain where it was left"));
                    }
                    heads.put(chain.getKey(), new AuditCheckpoints.Head(links.path("lastSeq").asLong(), links.path(
                            "lastHash").asText()));
                }
            }
            return new Cut(heads, days, null);
        });
    }
}

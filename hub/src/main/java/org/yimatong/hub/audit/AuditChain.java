package org.yimatong.hub.audit;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.yimatong.schemas.canonical.CanonicalJson;

/**
 * The hash chain of one hub instance: {@code hash = SM3(prevHash || canonicalEvent)}, where the canonical
 * event (RFC 8785) also names its chain and position, so a row cannot be moved without breaking the chain.
 */
public final class AuditChain {

    public static final byte[] GENESIS = new byte[32];

    private AuditChain() {
    }

    public static byte[] link(byte[] prevHash, String chainId, long seq, AuditEvent event) {
        byte[] canonical = canonicalEvent(chainId, seq, event);
        SM3Digest sm3 = new SM3Digest();
        sm3.update(prevHash, 0, prevHash.length);
        sm3.update(canonical, 0, canonical.length);
        byte[] hash = new byte[32];
        sm3.doFinal(hash, 0);
        return hash;
    }

    static byte[] canonicalEvent(String chainId, long seq, AuditEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("chain", chainId);
        fields.put("seq", seq);
        // microseconds: what PostgreSQL's timestamptz keeps, so the hash survives a round trip
        fields.put("at", event.at().truncatedTo(ChronoUnit.MICROS).toString());
        fields.put("actor", event.actor());
        fields.put("member", event.member());
        fields.put("purpose", event.purpose());
        fields.put("action", event.action().name());
        fields.put("target", event.target());
        fields.put("outcome", event.outcome());
        fields.put("latencyMs", event.latencyMs());
        // only when present, so every event hashed before these existed still verifies
        if (event.subject() != null) {
            fields.put("subject", event.subject());
        }
        if (event.origin() != null) {
            fields.put("origin", event.origin());
        }
        return CanonicalJson.canonicalize(fields);
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}

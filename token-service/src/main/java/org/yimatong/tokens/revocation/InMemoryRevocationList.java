package org.yimatong.tokens.revocation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RevocationList} in a concurrent map: for tests and a single hub instance. */
public final class InMemoryRevocationList implements RevocationList {

    private record Key(String issuer, String jti) {}

    private final Map<Key, Instant> entries = new ConcurrentHashMap<>();

    @Override
    public void revoke(String issuer, String jti, Instant until) {
        entries.merge(new Key(issuer, jti), until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean isRevoked(String issuer, String jti, Instant at) {
        Instant until = entries.get(new Key(issuer, jti));
        return until != null && at.isBefore(until);
    }

    @Override
    public int purge(Instant now) {
        int[] removed = { 0 };
        entries.entrySet().removeIf(e -> {
            boolean gone = !now.isBefore(e.getValue());
            if (gone) {
                removed[0]++;
            }
            return gone;
        });
        return removed[0];
    }
}

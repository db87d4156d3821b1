package org.yimatong.tokens.revocation;

import java.time.Instant;

/**
 * The deny list: a revoked token id stays on it until the token would have expired anyway, after which the entry
 * may be forgotten. Token ids are unique per issuer only, so entries are keyed by both. Implementations are
 * thread-safe and pass {@code RevocationListContract}.
 */
public interface RevocationList {

    /**
     * Puts {@code jti} of {@code issuer} on the list until {@code until}. Revoking again keeps the later
     * {@code until}.
     */
    void revoke(String issuer, String jti, Instant until);

    /** True if {@code jti} of {@code issuer} is revoked at {@code at} (that is, {@code at} is before its until). */
    boolean isRevoked(String issuer, String jti, Instant at);

    /** Forgets the entries whose until has passed at {@code now}; returns how many. */
    int purge(Instant now);
}

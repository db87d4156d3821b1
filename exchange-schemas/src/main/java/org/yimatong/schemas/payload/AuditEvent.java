package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audited cross-region request (REQ-AUD-1); schema {@code audit-event.json}. {@code target} is a pseudonym,
 * a jti or a batch tag, never an ID number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(String chainId, long seq, Instant at, String actor, String member, String purpose,
        Action action, String target, String outcome, long latencyMs, String prevHash, String hash) {

    public enum Action {
        VERIFICATION, GREEN_LOOKUP, TOKEN_EXCHANGE, INTROSPECTION, REVOCATION, BATCH_UPLOAD, LIST_DOWNLOAD, APPEAL,
        ADMIN, VENUE_SCAN,
        /** What a verification disclosed beyond the colour (REQ-PRIV-1): outcome {@code DATA:<attestation>} or {@code DECISION:<attestation>}. */
        DISCLOSURE
    }
}

package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /v1/audit/verify} (REQ-AUD-2); schema {@code audit-verification.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, Instant checkedAt, List<ChainStatus> chains) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChainStatus(String chainId, long verifiedThrough, String headHash, boolean intact,
            Long firstBrokenSeq, Instant checkpointSignedAt) {}
}

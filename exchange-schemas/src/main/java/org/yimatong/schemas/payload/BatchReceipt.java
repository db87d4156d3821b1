package org.yimatong.schemas.payload;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The diff of a stored batch against the member's previous full list (REQ-LIST-4); schema
 * {@code batch-receipt.json}. A replay of the same batch tag returns the original receipt with {@code replay=true}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchReceipt(String member, String batchTag, LocalDate day, long count, String digest, long added,
        long changed, long removed, long unchanged, Instant storedAt, Boolean replay) {

    public BatchReceipt asReplay() {
        return new BatchReceipt(member, batchTag, day, count, digest, added, changed, removed, unchanged, storedAt,
                Boolean.TRUE);
    }
}

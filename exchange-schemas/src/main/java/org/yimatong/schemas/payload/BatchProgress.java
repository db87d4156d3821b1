package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /v1/lists/batches/{tag}}; schema {@code batch-progress.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchProgress(String member, String batchTag, State state, Long linesRead, Long count,
        Instant receivedAt, Instant updatedAt, BatchReceipt receipt, Problem problem) {

    /** RECEIVED -> VERIFYING -> DIFFING -> STORED, or REFUSED. */
    public enum State {
        RECEIVED, VERIFYING, DIFFING, STORED, REFUSED;

        public boolean isFinal() {
            return this == STORED || this == REFUSED;
        }
    }
}

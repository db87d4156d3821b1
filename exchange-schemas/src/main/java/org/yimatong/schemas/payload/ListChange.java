package org.yimatong.schemas.payload;

import java.time.Instant;

import org.yimatong.schemas.dictionary.Colour;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of the change sequence (REQ-LIST-6); schema {@code list-change.json}. For ADDED and CHANGED the entry
 * fields are the new state; REMOVED (back to green) carries only {@code sub} and {@code rgn}. {@code epoch} names
 * the list key month the pseudonym is under.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListChange(long seq, Op op, String sub, String rgn, Colour col, Instant since, Instant until,
        String reason, String member, String batchTag, Instant recordedAt, String epoch) {

    public enum Op {
        ADDED, CHANGED, REMOVED
    }
}

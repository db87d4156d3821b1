package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An appeal as the hub tracks it (REQ-APL-1); schema {@code appeal.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Appeal(String id, State state, String sub, String rgn, String home, String filedBy,
        AppealGround ground, Instant filedAt, Instant updatedAt, String homeReference, AppealDecision decision) {

    /** RECEIVED (stored, not yet at the home), FORWARDED (the home acknowledged), DECIDED. */
    public enum State {
        RECEIVED, FORWARDED, DECIDED
    }
}

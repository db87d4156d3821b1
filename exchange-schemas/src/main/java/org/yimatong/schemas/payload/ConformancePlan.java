package org.yimatong.schemas.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The test plans of the conformance suite: {@code member} certifies an implementation of the
 * {@code member-api} tag, {@code hub} a hub as its members and its parent use it. Lower case on the wire.
 */
public enum ConformancePlan {
    @JsonProperty("member")
    MEMBER,
    @JsonProperty("hub")
    HUB;

    /** The wire name, {@code member} or {@code hub}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

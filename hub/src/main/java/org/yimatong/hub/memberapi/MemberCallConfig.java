package org.yimatong.hub.memberapi;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this hub calls the next node: per-member timeout and circuit breaker (DESIGN.md §6, §12). */
@ConfigMapping(prefix = "ymt.member-calls")
public interface MemberCallConfig {

    /** The longest a member may take to answer; then the answer is UNKNOWN / HOME_UNAVAILABLE. */
    @WithDefault("800ms")
    Duration timeout();

    Breaker breaker();

    interface Breaker {

        /** Calls in the rolling window before the breaker may open. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before a trial call. */
        @WithDefault("5s")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }
}

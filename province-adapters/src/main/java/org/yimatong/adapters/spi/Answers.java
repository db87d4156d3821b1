package org.yimatong.adapters.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How long a native answer may be reused when the dialect does not say: option {@code answer-validity-seconds}. */
public final class Answers {

    public static final String VALIDITY_OPTION = "answer-validity-seconds";
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(60);

    private Answers() {
    }

    public static Duration validity(MemberEndpoint endpoint) {
        String value = endpoint.options().get(VALIDITY_OPTION);
        if (value == null) {
            return DEFAULT_VALIDITY;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(endpoint.member() + ": " + VALIDITY_OPTION + " must be a positive number");
    }

    /** Now, in whole seconds (the wire form of instants). */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}

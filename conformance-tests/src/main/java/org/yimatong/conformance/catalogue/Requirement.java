package org.yimatong.conformance.catalogue;

import java.util.Optional;
import java.util.Set;

import org.yimatong.conformance.engine.Plan;

/**
 * One row of {@code requirements.csv}.
 *
 * @param plans the plans whose tests verify it ({@code both} = member and hub)
 * @param untestableReason why no black-box test can verify it; empty when it is testable
 */
public record Requirement(String id, String text, Level level, Actor actor, Set<Plan> plans,
        Optional<String> untestableReason) {

    public enum Level {
        SHALL, SHOULD
    }

    /** Who must do what the requirement says. */
    public enum Actor {
        MEMBER, HUB, BOTH
    }

    public Requirement {
        plans = Set.copyOf(plans);
    }

    public boolean isShall() {
        return level == Level.SHALL;
    }

    public boolean testable() {
        return untestableReason.isEmpty();
    }
}

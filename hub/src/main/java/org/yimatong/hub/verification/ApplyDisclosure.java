package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.routes.UniStep;

import io.smallrye.mutiny.Uni;

/**
 * The answer as it may leave this hub (REQ-PRIV-1): only the attestations the plan asked for survive, whatever the
 * member sent; the rules are decided (or, from a hub further on, taken as that hub decided them) and only what the
 * purpose shows the caller at its level stays.
 */
@Singleton
public class ApplyDisclosure extends UniStep<Verification> {

    private final Clock clock;

    public ApplyDisclosure(Clock clock) {
        super(Verification.class);
        this.clock = clock;
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        boolean answeredByHub = v.peer() != null && v.peer().isHub();
        return Uni.createFrom().item(v.answered(v.plan().apply(v.result(), clock.instant(), answeredByHub)));
    }
}

package org.yimatong.hub.verification;

import java.time.Clock;

import jakarta.inject.Singleton;

import org.yimatong.hub.routes.UniStep;

import io.smallrye.mutiny.Uni;

/**
 * The answer as it may leave this hub (REQ-PRIV-1): only the attestations the plan asked for survive, whatever the
 * member sent; for a client, its rules are decided and only what the purpose shows it at its level stays.
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
        return Uni.createFrom().item(v.answered(v.plan().apply(v.result(), clock.instant())));
    }
}

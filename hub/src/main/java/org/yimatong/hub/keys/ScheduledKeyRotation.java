package org.yimatong.hub.keys;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Rotates the hub's keys on a schedule (REQ-KEY-1): each run replaces every signing key that has signed for
 * {@code ymt.keys.rotation.max-age}. The run holds the key ring's advisory lock, so with several instances the
 * keys rotate once.
 */
@ApplicationScoped
public class ScheduledKeyRotation {

    private static final Logger LOG = Logger.getLogger(ScheduledKeyRotation.class);

    private final HubKeyRing ring;
    private final KeysConfig config;

    public ScheduledKeyRotation(HubKeyRing ring, KeysConfig config) {
        this.ring = ring;
        this.config = config;
    }

    @Scheduled(every = "${ymt.keys.rotation.check-every:1h}", delayed = "${ymt.keys.rotation.check-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!config.rotation().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return ring.rotateDue(config.rotation().maxAge(), config.rotation().publishAhead()).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Scheduled key rotation failed; the next run retries", failure))
                .onFailure().recoverWithNull();
    }
}

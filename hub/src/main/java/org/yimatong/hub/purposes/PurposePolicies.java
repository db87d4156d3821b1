package org.yimatong.hub.purposes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.PurposePolicy;
import org.yimatong.schemas.payload.validation.Validation;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The purpose policy this hub applies (REQ-PRIV-1). The root publishes one: the contract's, or a newer one from
 * {@code ymt.purposes.file}. Every other hub starts from the contract's and follows its parent's, asking at start and
 * every {@code ymt.purposes.refresh-every}, so within one refresh every hub of the tree applies the same version. A
 * policy only ever moves forward: an older one from the parent is ignored (and logged), and a parent that cannot be
 * reached leaves the current one in force.
 */
@ApplicationScoped
public class PurposePolicies {

    private static final Logger LOG = Logger.getLogger(PurposePolicies.class);

    private final ParentPurposes parent;
    private final boolean following;
    private final AtomicReference<PurposePolicy> current;

    public PurposePolicies(ParentPurposes parent, PurposesConfig config) {
        this.parent = parent;
        this.following = !"off".equals(config.refreshEvery());
        this.current = new AtomicReference<>(config.file().map(file -> {
            if (parent.present()) {
                throw new IllegalStateException("ymt.purposes.file is for the root hub; this hub follows its parent's"
                        + " policy");
            }
            try {
                PurposePolicy own = PayloadJson.mapper().readValue(Files.readAllBytes(file), PurposePolicy.class);
                Validation.requireValid(own);
                if (own.version() < PurposePolicy.contract().version()) {
                    throw new IllegalStateException("ymt.purposes.file " + file + " has version " + own.version()
                            + ", older than the contract's " + PurposePolicy.contract().version());
                }
                return own;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ymt.purposes.file " + file, e);
            }
        }).orElse(PurposePolicy.contract()));
    }

    public PurposePolicy current() {
        return current.get();
    }

    void onStart(@Observes StartupEvent start) {
        if (!following) {
            return;
        }
        refresh().subscribe().with(policy -> {
        }, failure -> LOG.warnf("purpose policy: the parent hub did not give its policy at start (%s); applying"
                + " version %d until the next refresh", failure.getMessage(), current().version()));
    }

    @Scheduled(identity = "purpose-policy-refresh", every = "{ymt.purposes.refresh-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().invoke(failure -> LOG.warnf("purpose policy: the parent hub did not give its"
                + " policy (%s); version %d stays in force", failure.getMessage(), current().version()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Asks the parent for its policy and adopts it if it is newer; answers the policy in force afterwards. */
    public Uni<PurposePolicy> refresh() {
        if (!parent.present()) {
            return Uni.createFrom().item(current());
        }
        return parent.purposePolicy().map(offered -> {
            Validation.requireValid(offered);
            PurposePolicy now = current.updateAndGet(held -> offered.version() > held.version() ? offered : held);
            if (offered.version() < now.version()) {
                LOG.warnf("purpose policy: the parent hub applies version %d, older than this hub's %d; keeping %d",
                        offered.version(), now.version(), now.version());
            } else if (now == offered) {
                LOG.infof("purpose policy: version %d from the parent hub is in force", now.version());
            }
            return now;
        });
    }
}

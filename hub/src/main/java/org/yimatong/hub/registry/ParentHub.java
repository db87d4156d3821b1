package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyResolver;

import io.smallrye.mutiny.Uni;

/**
 * This hub's parent, if it has one: its entity id and base URLs from configuration, its key set fetched from
 * {@code <parent>/v1/jwks} when first needed and again (at most every 30 s) when it signs with a new key, from the
 * first of its addresses that answers (REQ-HA-3: the parent's first data centre may be the one that is down).
 */
@ApplicationScoped
public class ParentHub {

    private static final Logger LOG = Logger.getLogger(ParentHub.class);
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final HubConfig hub;
    private final KeySetFetcher fetcher;
    private final Clock clock;
    private final List<URI> baseUrls;
    private volatile JwkSet keys = new JwkSet(List.of());
    private volatile Instant lastFetch = Instant.MIN;
    /** The address whose key set was last fetched. */
    private volatile int answering;

    public ParentHub(HubConfig hub, KeySetFetcher fetcher, Clock clock) {
        this.hub = hub;
        this.fetcher = fetcher;
        this.clock = clock;
        this.baseUrls = hub.parentEntityId().isEmpty() ? List.of()
                : hub.parentUrls().orElse(List.of()).stream().map(String::strip).filter(url -> !url.isEmpty())
                        .map(url -> URI.create(url.replaceAll("/+$", ""))).toList();
    }

    public Optional<String> entityId() {
        return hub.parentEntityId();
    }

    /** Every base URL of the parent, in the order they are tried; empty at the root (or without a parent id). */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    /** Whether this hub has a parent to send requests to. */
    public boolean present() {
        return !baseUrls().isEmpty();
    }

    public Uni<KeyResolver> keys(String kid) {
        JwkSet current = keys;
        Instant now = clock.instant();
        if (current.resolve(kid).isPresent() || !present() || lastFetch.plus(REFRESH_INTERVAL).isAfter(now)) {
            return Uni.createFrom().item(current);
        }
        lastFetch = now;
        return fetchFrom(answering, 0)
                .map(fetched -> {
                    keys = fetched;
                    return (KeyResolver) fetched;
                })
                .onFailure().recoverWithItem((Throwable failure) -> {
                    LOG.warnf("Could not fetch the parent hub's key set: %s", failure.getMessage());
                    return current;
                });
    }

    /**
     * The key set from the {@code i}-th address, or, failing that, from the next ones in turn ({@code tried} so far);
     * the address that answers is asked first next time, so a data centre that hangs costs one timeout, not one per
     * refresh.
     */
    private Uni<JwkSet> fetchFrom(int i, int tried) {
        Uni<JwkSet> fetched = fetcher.fetch(URI.create(baseUrls.get(i) + "/v1/jwks"))
                .invoke(() -> answering = i);
        return tried + 1 == baseUrls.size() ? fetched
                : fetched.onFailure().recoverWithUni(() -> fetchFrom((i + 1) % baseUrls.size(), tried + 1));
    }
}

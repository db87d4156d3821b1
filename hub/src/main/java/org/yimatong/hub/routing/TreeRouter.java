package org.yimatong.hub.routing;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Longest-prefix routing (REQ-TOPO-1/3): the child whose region prefix matches longest, otherwise the parent.
 * Reads the registry from memory only.
 */
@ApplicationScoped
public class TreeRouter {

    private final MemberDirectory members;
    private final HubConfig hub;

    public TreeRouter(MemberDirectory members, HubConfig hub) {
        this.members = members;
        this.hub = hub;
    }

    /**
     * Where a request about {@code regionCode} goes.
     *
     * @throws ProblemException {@code UNKNOWN_ISSUER} when no child serves the region and this hub is the root
     */
    public RouteDecision route(String regionCode) {
        return members.childServing(regionCode)
                .<RouteDecision>map(RouteDecision.ToChild::new)
                .or(this::parent)
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_ISSUER,
                        "No member of the federation serves region " + regionCode));
    }

    private Optional<RouteDecision> parent() {
        if (hub.parentEntityId().isEmpty() || hub.parentUrl().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RouteDecision.ToParent(hub.parentEntityId().get(), URI.create(hub.parentUrl().get())));
    }
}

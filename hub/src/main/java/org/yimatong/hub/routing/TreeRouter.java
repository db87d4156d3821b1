package org.yimatong.hub.routing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.registry.ParentHub;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Longest-prefix routing (REQ-TOPO-1/3): the child whose region prefix matches longest, otherwise the parent.
 * Reads the registry from memory only.
 */
@ApplicationScoped
public class TreeRouter {

    private final MemberDirectory members;
    private final ParentHub parent;

    public TreeRouter(MemberDirectory members, ParentHub parent) {
        this.members = members;
        this.parent = parent;
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
        if (!parent.present()) {
            return Optional.empty();
        }
        return Optional.of(new RouteDecision.ToParent(parent.entityId().get(), parent.baseUrls()));
    }
}

package org.yimatong.hub.routing;

import java.net.URI;
import java.util.List;

import org.yimatong.hub.registry.Member;

/** Where this hub sends a request about a region: down to a direct child, or up to its parent. */
public sealed interface RouteDecision {

    /** The entity id of the next node. */
    String entityId();

    /** A direct child (platform or hub) serves the region; it may be suspended, the caller decides. */
    record ToChild(Member member) implements RouteDecision {
        @Override
        public String entityId() {
            return member.entityId();
        }
    }

    /** The region is outside this hub's subtree. */
    record ToParent(String parentEntityId, List<URI> parentUrls) implements RouteDecision {
        @Override
        public String entityId() {
            return parentEntityId;
        }
    }
}

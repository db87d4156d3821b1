package org.yimatong.hub.memberapi;

import java.net.URI;
import java.util.List;

import org.yimatong.hub.registry.Member;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.schemas.dictionary.MemberKind;

/**
 * The next node a request is sent to, and how it is spoken to: hubs by the hub API, platforms through the adapter of
 * their {@code dialect} ({@code v1} being one). {@code baseUrls} are the node's endpoints in the order they are
 * tried (REQ-HA-3: a member's standby data centre, a parent reachable at several addresses); most nodes have one.
 */
public record Peer(String entityId, List<URI> baseUrls, Role role, String dialect) {

    private static final String V1 = "v1";

    public Peer {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException(entityId + " has no base URL");
        }
        baseUrls = List.copyOf(baseUrls);
    }

    public enum Role {
        /** A provincial platform, called through its adapter. */
        PLATFORM,
        /** A child hub: the hub API under {@code /v1/}, called with this hub's client assertion. */
        CHILD_HUB,
        /** The parent hub: the hub API under {@code /v1/}, called with this hub's client assertion. */
        PARENT
    }

    public static Peer of(Member member) {
        return new Peer(member.entityId(), member.baseUrls(),
                member.kind() == MemberKind.HUB ? Role.CHILD_HUB : Role.PLATFORM, member.dialect());
    }

    public static Peer of(RouteDecision decision) {
        if (decision instanceof RouteDecision.ToChild child) {
            return of(child.member());
        }
        RouteDecision.ToParent parent = (RouteDecision.ToParent) decision;
        return parent(parent.parentEntityId(), parent.parentUrls());
    }

    /** This hub's parent, reached at {@code baseUrls} (tried in order). */
    public static Peer parent(String entityId, List<URI> baseUrls) {
        return new Peer(entityId, baseUrls, Role.PARENT, V1);
    }

    /** The first endpoint: the one tried first, and the one a single-endpoint node has. */
    public URI baseUrl() {
        return baseUrls.get(0);
    }

    /** The same node at its {@code index}-th endpoint only. */
    Peer endpoint(int index) {
        return baseUrls.size() == 1 ? this : new Peer(entityId, List.of(baseUrls.get(index)), role, dialect);
    }

    public boolean isHub() {
        return role != Role.PLATFORM;
    }

    /** {@code hubPath} (starting with {@code /}) of the hub API under a hub's (first) base URL. */
    URI url(String hubPath) {
        String base = baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + hubPath);
    }
}

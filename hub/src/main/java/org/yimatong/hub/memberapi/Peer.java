package org.yimatong.hub.memberapi;

import java.net.URI;

import org.yimatong.hub.registry.Member;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.schemas.dictionary.MemberKind;

/**
 * The next node a request is sent to, and how it is spoken to: hubs by the hub API, platforms through the adapter of
 * their {@code dialect} ({@code v1} being one).
 */
public record Peer(String entityId, URI baseUrl, Role role, String dialect) {

    private static final String V1 = "v1";

    public enum Role {
        /** A provincial platform, called through its adapter. */
        PLATFORM,
        /** A child hub: the hub API under {@code /v1/}, called with this hub's client assertion. */
        CHILD_HUB,
        /** The parent hub: the hub API under {@code /v1/}, called with this hub's client assertion. */
        PARENT
    }

    public static Peer of(Member member) {
        return new Peer(member.entityId(), member.baseUrl(),
                member.kind() == MemberKind.HUB ? Role.CHILD_HUB : Role.PLATFORM, member.dialect());
    }

    public static Peer of(RouteDecision decision) {
        if (decision instanceof RouteDecision.ToChild child) {
            return of(child.member());
        }
        RouteDecision.ToParent parent = (RouteDecision.ToParent) decision;
        return parent(parent.parentEntityId(), parent.parentUrl());
    }

    /** This hub's parent, reached at {@code baseUrl}. */
    public static Peer parent(String entityId, URI baseUrl) {
        return new Peer(entityId, baseUrl, Role.PARENT, V1);
    }

    public boolean isHub() {
        return role != Role.PLATFORM;
    }

    /** {@code hubPath} (starting with {@code /}) of the hub API under a hub's base URL. */
    URI url(String hubPath) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + hubPath);
    }
}

package org.yimatong.hub.memberapi;

import java.net.URI;

import org.yimatong.hub.registry.Member;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.schemas.dictionary.MemberKind;

/**
 * The next node a request is sent to, and how it is spoken to: hubs and {@code v1} platforms by the contract, other
 * platforms in their {@code dialect} through their adapter.
 */
public record Peer(String entityId, URI baseUrl, Role role, String dialect) {

    private static final String V1 = "v1";

    public enum Role {
        /** A provincial platform: its member API under {@code /member/v1/}. */
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

    /** A platform with its own native API, called through its adapter. */
    public boolean speaksNative() {
        return role == Role.PLATFORM && dialect != null && !V1.equals(dialect);
    }

    public boolean isHub() {
        return role != Role.PLATFORM;
    }

    /** {@code path} (starting with {@code /}) under the base URL, for the member API or the hub API. */
    String url(String hubPath) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (isHub() ? "" : "/member") + hubPath;
    }
}

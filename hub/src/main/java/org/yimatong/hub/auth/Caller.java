package org.yimatong.hub.auth;

import java.util.Optional;

import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.dictionary.MemberKind;

/**
 * Who is calling, once authenticated: one of this hub's members (by mutual TLS or a client assertion), or
 * this hub's parent forwarding a request down the tree.
 */
public record Caller(String entityId, Kind kind, Optional<Member> member) {

    public enum Kind {
        MEMBER, PARENT
    }

    public static Caller member(Member member) {
        return new Caller(member.entityId(), Kind.MEMBER, Optional.of(member));
    }

    public static Caller parent(String parentEntityId) {
        return new Caller(parentEntityId, Kind.PARENT, Optional.empty());
    }

    /** This hub's parent or a child hub: the callers that forward requests through the tree. */
    public boolean isHub() {
        return kind == Kind.PARENT || member.map(m -> m.kind() == MemberKind.HUB).orElse(false);
    }
}

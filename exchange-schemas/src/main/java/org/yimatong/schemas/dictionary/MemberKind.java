package org.yimatong.schemas.dictionary;

/** A member of a hub is either a provincial platform or a hub of its own (DESIGN.md §1, REQ-TOPO-2). */
public enum MemberKind {
    /** A hub (regional or national) that is itself a member of its parent hub. */
    HUB,
    /** A provincial health-code platform. */
    PLATFORM
}

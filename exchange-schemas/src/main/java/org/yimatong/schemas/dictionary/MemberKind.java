package org.yimatong.schemas.dictionary;

/** A member of a hub is either a provincial platform or a hub of its own (DESIGN.md §1, REQ-TOPO-2). */
public enum MemberKind {
    HUB, PLATFORM
}

package org.yimatong.schemas.dictionary;

/** Lifecycle of a member record (DESIGN.md §3). Only ACTIVE members are routed to. */
public enum MemberStatus {
    /** Registered, not yet routed to. */
    ONBOARDING,
    /** Routed to and allowed to call. */
    ACTIVE,
    /** Refused with {@code member-suspended}; not routed to. */
    SUSPENDED
}

package org.yimatong.schemas.dictionary;

/** Lifecycle of a member record (DESIGN.md §3). Only ACTIVE members are routed to. */
public enum MemberStatus {
    ONBOARDING, ACTIVE, SUSPENDED
}

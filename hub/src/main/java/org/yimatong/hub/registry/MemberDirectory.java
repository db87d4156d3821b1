package org.yimatong.hub.registry;

import java.util.Optional;

import org.yimatong.schemas.crypto.KeyResolver;

import io.smallrye.mutiny.Uni;

/**
 * The registry as the hot path reads it: from memory, never a database round trip. Changes made on any
 * hub instance reach every instance's copy (PostgreSQL LISTEN/NOTIFY).
 */
public interface MemberDirectory {

    /** A member by entity id, whatever its status. */
    Optional<Member> find(String entityId);

    /**
     * The child whose region prefixes match {@code regionCode} longest (DESIGN.md §1: routing by GB/T 2260
     * prefix), whatever its status; empty means the region is outside this hub's subtree.
     */
    Optional<Member> childServing(String regionCode);

    /**
     * The member's public keys for verifying what it signed. An unknown {@code kid} triggers at most one
     * re-fetch of its key set per 30 s (REQ-KEY-1), so the returned resolver may complete later.
     */
    Uni<KeyResolver> keysFor(Member member, String kid);
}

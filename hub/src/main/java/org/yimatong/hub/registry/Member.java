package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;

/**
 * A direct child of this hub as the hot path sees it: immutable, held in memory. {@code keys} is the last
 * key set fetched from {@code jwksUri} (or registered inline); it may be refreshed on an unknown {@code kid}.
 * {@code baseUrls} are its endpoints in the order they are tried: {@code baseUrl}, then any standby (REQ-HA-3).
 * {@code codeMaxLifetime} is the longest life its codePolicy allows its dynamic codes (REQ-CODE-3).
 */
public record Member(
        String entityId,
        String displayName,
        MemberKind kind,
        List<String> regionPrefixes,
        List<URI> baseUrls,
        String dialect,
        String tlsCertSha256,
        URI jwksUri,
        MemberStatus status,
        JwkSet keys,
        Duration codeMaxLifetime) {

    /** The primary endpoint. */
    public URI baseUrl() {
        return baseUrls.get(0);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    /** The length of the longest of this member's prefixes that {@code regionCode} starts with, or 0. */
    public int matchLength(String regionCode) {
        int best = 0;
        for (String prefix : regionPrefixes) {
            if (regionCode.startsWith(prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }
}

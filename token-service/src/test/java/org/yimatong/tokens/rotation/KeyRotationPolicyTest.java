package org.yimatong.tokens.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.KeyRotationResult;
import org.yimatong.schemas.payload.SignatureAlgorithm;

class KeyRotationPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration AHEAD = Duration.ofHours(1);

    private final KeyRotationPolicy policy = new KeyRotationPolicy(LIFETIME, SKEW);
    private final HubKey first = HubKey.startingAt(Jwk.generate(SignatureProfile.SM2).withKid("k1"), T0);
    private final Jwk second = Jwk.generate(SignatureProfile.SM2).withKid("k2");

    @Test
    void newKeyIsPublishedAheadOfSigning() {
        Instant at = T0.plus(Duration.ofDays(30));
        List<HubKey> keys = policy.rotate(List.of(first), second, at, AHEAD).keys();

        // published at once, but the old key still signs until the new one activates
        assertEquals(List.of("k1", "k2"), kids(policy.published(keys, at)));
        assertEquals("k1", policy.signingKey(keys, SignatureProfile.SM2, at).orElseThrow().kid());
        assertEquals("k1", policy.signingKey(keys, SignatureProfile.SM2, at.plus(AHEAD).minusMillis(1))
                .orElseThrow().kid());
        assertEquals("k2", policy.signingKey(keys, SignatureProfile.SM2, at.plus(AHEAD)).orElseThrow().kid());
    }

    @Test
    void keyIsNeverPublishedOrSigningBeforeItsPublishFrom() {
        HubKey future = new HubKey(second, T0.plusSeconds(100), T0.plusSeconds(200), null);
        List<HubKey> keys = List.of(first.retiringAt(T0.plusSeconds(200)), future);

        assertEquals(List.of("k1"), kids(policy.published(keys, T0.plusSeconds(99))));
        assertEquals("k1", policy.signingKey(keys, SignatureProfile.SM2, T0.plusSeconds(150)).orElseThrow().kid());
        assertThrows(IllegalArgumentException.class, () -> new HubKey(second, T0.plusSeconds(100), T0, null));
    }

    @Test
    void oldKeyStaysPublishedUntilItsLastTokenHasExpired() {
        Instant at = T0.plus(Duration.ofDays(30));
        List<HubKey> keys = policy.rotate(List.of(first), second, at, AHEAD).keys();
        HubKey retired = keys.get(0);
        Instant lastSignature = at.plus(AHEAD).minusSeconds(1);
        Instant lastTokenExpires = lastSignature.plus(LIFETIME);

        assertEquals(Optional.of(at.plus(AHEAD).plus(LIFETIME).plus(SKEW)), policy.dropAfter(retired));
        assertTrue(policy.published(keys, lastTokenExpires.plus(SKEW)).contains(retired));
        assertFalse(policy.mayDrop(retired, lastTokenExpires));
        assertTrue(policy.mayDrop(retired, at.plus(AHEAD).plus(LIFETIME).plus(SKEW)));
        assertEquals(List.of("k2"), kids(policy.published(keys, at.plus(AHEAD).plus(LIFETIME).plus(SKEW))));
    }

    @Test
    void retiringKeyIsPublishedWithItsDropInstantAsExp() {
        Instant at = T0.plus(Duration.ofDays(30));
        List<HubKey> keys = policy.rotate(List.of(first), second, at, AHEAD).keys();

        var set = policy.publishedKeySet(keys, at);

        assertEquals(policy.dropAfter(keys.get(0)), set.resolve("k1").orElseThrow().expiresAt());
        assertEquals(Optional.empty(), set.resolve("k2").orElseThrow().expiresAt());
        assertFalse(set.resolve("k1").orElseThrow().hasPrivateKey());
    }

    @Test
    void currentKeyIsNeverDroppable() {
        assertEquals(Optional.empty(), policy.dropAfter(first));
        assertFalse(policy.mayDrop(first, T0.plus(Duration.ofDays(3650))));
    }

    @Test
    void rotationResultNamesBothKeysAndTheirInstants() {
        Instant at = T0.plus(Duration.ofDays(30));

        KeyRotationResult result = policy.rotate(List.of(first), second, at, AHEAD).result();

        assertEquals(new KeyRotationResult("k2", SignatureAlgorithm.SM2, at, at.plus(AHEAD), "k1",
                at.plus(AHEAD).plus(LIFETIME).plus(SKEW)), result);
    }

    @Test
    void rotationDropsKeysWhoseTokensHaveAllExpired() {
        List<HubKey> afterFirst = policy.rotate(List.of(first), second, T0.plusSeconds(10), Duration.ZERO).keys();
        Jwk third = Jwk.generate(SignatureProfile.SM2).withKid("k3");

        List<HubKey> afterSecond = policy.rotate(afterFirst, third, T0.plus(Duration.ofDays(1)), AHEAD).keys();

        assertEquals(List.of("k2", "k3"), kids(afterSecond));
    }

    @Test
    void rotationOfOneProfileLeavesTheOthersSigning() {
        HubKey es = HubKey.startingAt(Jwk.generate(SignatureProfile.ES256).withKid("e1"), T0);
        Instant at = T0.plusSeconds(100);

        List<HubKey> keys = policy.rotate(List.of(first, es), second, at, Duration.ZERO).keys();

        assertEquals("e1", policy.signingKey(keys, SignatureProfile.ES256, at.plusSeconds(1)).orElseThrow().kid());
        assertEquals("k2", policy.signingKey(keys, SignatureProfile.SM2, at.plusSeconds(1)).orElseThrow().kid());
    }

    @Test
    void reusedKidIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> policy.rotate(List.of(first), Jwk.generate(SignatureProfile.SM2).withKid("k1"), T0, AHEAD));
    }

    private static List<String> kids(List<HubKey> keys) {
        return keys.stream().map(HubKey::kid).toList();
    }
}

package org.yimatong.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

/** What the console makes of the data it shows, without a hub. */
class ConsoleViewsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void anIdNumberInAnyShownTextIsWithheld() {
        assertEquals("refused: [ID number withheld] in line 3", ConsoleViews.shown(
                "refused: 11010519491231002X in line 3"));
        assertEquals("", ConsoleViews.shown(null));
        assertEquals("ymt:member:840000 batch 20261203", ConsoleViews.shown("ymt:member:840000 batch 20261203"));
    }

    @Test
    void keyExpiryIsTheSpanOfTheKeysExpAndSaysWhenOneHasPassed() {
        Jwk soon = Jwk.generate(SignatureProfile.SM2).withExpiry(Instant.parse("2026-12-01T00:00:00Z"));
        Jwk later = Jwk.generate(SignatureProfile.ES256).withExpiry(Instant.parse("2027-06-01T00:00:00Z"));
        Jwk never = Jwk.generate(SignatureProfile.SM2);

        ConsoleViews.KeyExpiry span = ConsoleViews.keyExpiry(List.of(later, never, soon), NOW);

        assertEquals("2026-12-01 00:00:00 UTC", span.earliest());
        assertEquals("2027-06-01 00:00:00 UTC", span.latest());
        assertEquals(3, span.keys());
        assertEquals(1, span.withoutExpiry());
        assertTrue(span.anyExpired(), "the earliest is before now");
        assertTrue(span.hasExpiry());
    }

    @Test
    void keysWithoutExpHaveNoExpiry() {
        ConsoleViews.KeyExpiry none = ConsoleViews.keyExpiry(List.of(Jwk.generate(SignatureProfile.SM2)), NOW);

        assertFalse(none.hasExpiry());
        assertFalse(none.anyExpired());
        assertEquals(1, none.withoutExpiry());
    }
}

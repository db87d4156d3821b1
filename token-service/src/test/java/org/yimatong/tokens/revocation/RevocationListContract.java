package org.yimatong.tokens.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RevocationList} does; the hub's PostgreSQL one runs this too. */
public abstract class RevocationListContract {

    protected static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final String HUB = "ymt:hub:yrd";

    private RevocationList list;

    protected abstract RevocationList newList();

    @BeforeEach
    void create() {
        list = newList();
    }

    @Test
    void revokedJtiIsRevokedUntilItsUntil() {
        list.revoke(HUB, "jti-1", NOW.plusSeconds(300));

        assertTrue(list.isRevoked(HUB, "jti-1", NOW));
        assertTrue(list.isRevoked(HUB, "jti-1", NOW.plusSeconds(299)));
        assertFalse(list.isRevoked(HUB, "jti-1", NOW.plusSeconds(300)));
    }

    @Test
    void otherJtiAndSameJtiOfAnotherIssuerAreNotRevoked() {
        list.revoke(HUB, "jti-1", NOW.plusSeconds(300));

        assertFalse(list.isRevoked(HUB, "jti-2", NOW));
        assertFalse(list.isRevoked("ymt:member:310000", "jti-1", NOW));
    }

    @Test
    void revokingAgainKeepsTheLaterUntil() {
        list.revoke(HUB, "jti-1", NOW.plusSeconds(300));
        list.revoke(HUB, "jti-1", NOW.plusSeconds(60));

        assertTrue(list.isRevoked(HUB, "jti-1", NOW.plusSeconds(120)));
    }

    @Test
    void purgeForgetsOnlyEntriesPastTheirUntil() {
        list.revoke(HUB, "old", NOW.plusSeconds(60));
        list.revoke(HUB, "new", NOW.plusSeconds(600));

        assertEquals(1, list.purge(NOW.plusSeconds(60)));
        assertTrue(list.isRevoked(HUB, "new", NOW.plusSeconds(60)));
    }
}

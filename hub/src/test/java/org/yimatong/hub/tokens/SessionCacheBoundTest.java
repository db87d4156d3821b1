package org.yimatong.hub.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A session's signature is checked once and its claims kept; the sessions an instance keeps are bounded (3 in the
 * test profile): past the bound the cache is emptied, and a session no longer kept is verified again, not refused.
 */
@QuarkusTest
class SessionCacheBoundTest {

    @Inject
    HubSessions sessions;

    @Test
    void aSessionsSignatureIsCheckedOnceThenItIsServedFromTheCache() {
        String token = sessions.issue("ymt:member:740200", null).token();
        long before = sessions.signatureChecks();

        for (int i = 0; i < 5; i++) {
            assertEquals("ymt:member:740200", sessions.memberOf(token, null));
        }

        assertEquals(before + 1, sessions.signatureChecks());
    }

    @Test
    void noMoreSessionsAreKeptThanTheBoundAndForgottenOnesStillWork() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String member = "ymt:member:74010" + i;
            String token = sessions.issue(member, null).token();
            tokens.add(token);
            assertEquals(member, sessions.memberOf(token, null));
            assertTrue(sessions.cachedSessions() <= 3, sessions.cachedSessions() + " sessions kept");
        }

        for (int i = 0; i < tokens.size(); i++) {
            assertEquals("ymt:member:74010" + i, sessions.memberOf(tokens.get(i), null));
        }
        assertTrue(sessions.cachedSessions() <= 3, sessions.cachedSessions() + " sessions kept");
    }
}

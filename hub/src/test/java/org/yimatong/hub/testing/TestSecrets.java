package org.yimatong.hub.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The secrets of the test hub, drawn fresh for every run so that none ships in the hub's jar; the admin token is
 * the one the tests send ({@link TestMembers#ADMIN}). Without them the hub would make its own in the user's home.
 */
public class TestSecrets implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Map<String, String> start() {
        return Map.of("ymt.keys.master-key", random32(), "ymt.tokens.pairwise-secret", random32(),
                "ymt.admin.token", TestMembers.ADMIN.substring("Bearer ".length()));
    }

    @Override
    public void stop() {
    }

    private static String random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}

package org.yimatong.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.deploy.local.Calls.Answer;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;

/**
 * One hub as two processes on one PostgreSQL ({@link TwoInstances}): a session bought at one instance works at
 * the other, and a suspension made at one stops the member's cached session at the other within a second
 * (REQ-AUTH-2; the second instance learns it from PostgreSQL's NOTIFY, nothing else connects them).
 */
class TwoInstancesIT {

    private static final String HUB = "ymt:hub:twins";
    private static final String MEMBER = "ymt:member:310000";
    private static final String ADMIN_TOKEN = "twins-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    private static final Jwk KEY = Jwk.generate(SignatureProfile.ES256);

    private static TwoInstances instances;
    private static Calls calls;

    @BeforeAll
    static void start() throws Exception {
        Path repo = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("deploy/target/two-instances-it");
        deleteRecursively(work);
        instances = new TwoInstances(repo, work, Duration.ofSeconds(180));
        instances.start(HUB, ADMIN_TOKEN);
        calls = new Calls(Files.createDirectories(work.resolve("calls")));
    }

    @AfterAll
    static void stop() {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void aSuspensionAtOneInstanceStopsTheCachedSessionAtTheOtherWithinASecond() throws Exception {
        register("ACTIVE");
        String session = session();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + session);

        // bought at a, verified at b and kept there
        for (int i = 0; i < 3; i++) {
            assertEquals(200, calls.get(instances.second().url().resolve("/v1/audit"), bearer).status());
        }
        assertEquals(200, calls.get(instances.first().url().resolve("/v1/audit"), bearer).status());

        register("SUSPENDED");
        Instant suspended = Instant.now();
        Answer answer;
        do {
            answer = calls.get(instances.second().url().resolve("/v1/audit"), bearer);
        } while (answer.status() == 200 && Duration.between(suspended, Instant.now()).toMillis() < 1000);
        long took = Duration.between(suspended, Instant.now()).toMillis();

        System.out.printf("instance b refused the suspended member's session %d ms after a stored the suspension%n",
                took);
        assertEquals(403, answer.status(), answer.text());
        assertTrue(answer.field("type").endsWith("/member-suspended"), answer.text());
        assertTrue(took < 1000, "took " + took + " ms");

        register("ACTIVE");
        answer = calls.get(instances.second().url().resolve("/v1/audit"), bearer);
        Instant reactivated = Instant.now();
        while (answer.status() != 200 && Duration.between(reactivated, Instant.now()).toMillis() < 1000) {
            answer = calls.get(instances.second().url().resolve("/v1/audit"), bearer);
        }
        assertEquals(200, answer.status(), "reactivated, the session works again at b: " + answer.text());
    }

    private static void register(String status) throws Exception {
        String record = """
                {"entityId":"%s","displayName":"Shanghai","kind":"PLATFORM","regionPrefixes":["31"],"parent":"%s",
                 "baseUrl":"http://127.0.0.1:9/member","dialect":"v1","jwks":{"keys":[%s]},"status":"%s"}"""
                .formatted(MEMBER, HUB, KEY.publicOnly().toJson(), status);
        Answer answer = calls.putJson(instances.first().url().resolve("/v1/admin/members/" + MEMBER), record,
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertTrue(answer.status() == 200 || answer.status() == 201, answer.text());
    }

    private static String session() throws Exception {
        Answer answer = calls.postForm(instances.first().url().resolve("/v1/token"), Map.of(
                "grant_type", "client_credentials",
                "client_assertion_type", ClientAssertion.FORM_TYPE,
                "client_assertion", ClientAssertion.sign(KEY, MEMBER, HUB, Instant.now())));
        assertEquals(200, answer.status(), answer.text());
        return answer.field("access_token");
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

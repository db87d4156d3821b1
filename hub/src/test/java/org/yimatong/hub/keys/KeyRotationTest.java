package org.yimatong.hub.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.KeyRotationResult;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rotation of the hub's keys (REQ-KEY-1), by admin call and by the schedule, with the clock moved instead of
 * waited for. Each test puts the key table back as it found it, so the other tests see the keys of a fresh start.
 */
@QuarkusTest
class KeyRotationTest {

    private static final String MEMBER = "ymt:member:460000";
    private static final String DEPARTMENT = "ymt:member:650100";

    @Inject
    HubKeyRing ring;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @Inject
    HubConfig hubConfig;

    @Inject
    KeysConfig keysConfig;

    @Inject
    SealedKeyVault vault;

    @Inject
    PgSubscriber subscriber;

    private final Jwk memberKey = Jwk.generate(SignatureProfile.SM2).withKid("460000-1");
    private final Jwk departmentKey = Jwk.generate(SignatureProfile.ES256);
    private Set<String> kidsBefore;

    @BeforeEach
    void remember() {
        TestMembers.register(MEMBER, "http://localhost:9/hi", memberKey, "46");
        TestMembers.register(DEPARTMENT, "http://localhost:9/dept", departmentKey, "650100");
        kidsBefore = kids(ring.publishedKeys());
    }

    @AfterEach
    void restore() {
        clock.reset();
        pool.preparedQuery("delete from hub_signing_key where not (kid = any($1))")
                .execute(Tuple.of(kidsBefore.toArray(new String[0]))).await().indefinitely();
        pool.query("update hub_signing_key set retire_at = null").execute().await().indefinitely();
        ring.reload().await().indefinitely();
    }

    @Test
    void afterARotationOldTokensVerifyUntilTheyExpireAndNewOnesCarryTheNewKid() {
        // given a token signed with the current SM2 key
        String oldKid = ring.signingKey(SignatureProfile.SM2).orElseThrow().kid();
        String before = hubToken();
        assertEquals(oldKid, kid(before));

        // when an operator rotates, publishing the new key a minute ahead
        KeyRotationResult result = given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body("{\"alg\":\"SM2\",\"publishAheadSeconds\":60}")
                .when().post("/v1/admin/keys/rotate").then().statusCode(200)
                .body("previousKid", equalTo(oldKid)).extract().as(KeyRotationResult.class);

        // then the new key is published at once but does not sign yet
        assertTrue(kids(published()).contains(result.kid()));
        assertEquals(oldKid, kid(hubToken()));

        // after the minute, new tokens carry the new kid; the old token still verifies
        clock.advance(Duration.ofSeconds(61));
        String after = hubToken();
        assertEquals(result.kid(), kid(after));
        assertTrue(active(before));
        assertTrue(active(after));
        assertTrue(kids(published()).contains(oldKid), "the old key left before its last token expired");

        // once the old token has expired it is inactive, and then the old key leaves the set
        clock.advance(Duration.ofMinutes(5));
        assertFalse(active(before));
        assertTrue(active(after));
        clock.advance(Duration.ofSeconds(31));
        assertFalse(kids(published()).contains(oldKid), "the old key stayed after its last token expired");
        assertTrue(published().resolve(result.kid()).isPresent());
    }

    @Test
    void theRetiringKeyIsPublishedWithItsDropTimeAsExp() {
        String oldKid = ring.signingKey(SignatureProfile.ES256).orElseThrow().kid();

        KeyRotationResult result = ring.rotate(SignatureProfile.ES256, Duration.ofMinutes(10)).await().indefinitely();

        Jwk retiring = published().resolve(oldKid).orElseThrow();
        assertEquals(result.previousRetiresAt().getEpochSecond(), retiring.expiresAt().orElseThrow().getEpochSecond());
        assertEquals(result.activatesAt().plus(Duration.ofMinutes(5)).plusSeconds(30), result.previousRetiresAt());
    }

    @Test
    void theScheduleRotatesOnlyKeysThatHaveSignedLongEnough() {
        Set<String> signingBefore = Set.of(ring.signingKey(SignatureProfile.SM2).orElseThrow().kid(),
                ring.signingKey(SignatureProfile.ES256).orElseThrow().kid());

        assertEquals(List.of(), ring.rotateDue(Duration.ofDays(30), Duration.ofHours(1)).await().indefinitely());

        clock.advance(Duration.ofDays(31));
        List<KeyRotationResult> rotated = ring.rotateDue(Duration.ofDays(30), Duration.ofHours(1)).await()
                .indefinitely();
        assertEquals(Set.of("SM2", "ES256"), rotated.stream().map(r -> r.alg().name()).collect(Collectors.toSet()));
        assertEquals(signingBefore, rotated.stream().map(KeyRotationResult::previousKid).collect(Collectors.toSet()));
        // a second run before the new keys sign does not rotate again
        assertEquals(List.of(), ring.rotateDue(Duration.ofDays(30), Duration.ofHours(1)).await().indefinitely());

        clock.advance(Duration.ofHours(1));
        assertNotEquals(signingBefore, Set.of(ring.signingKey(SignatureProfile.SM2).orElseThrow().kid(),
                ring.signingKey(SignatureProfile.ES256).orElseThrow().kid()));
    }

    @Test
    void thisInstanceLearnsOfARotationByAnotherInstanceThroughNotify() {
        // another hub instance: its own key ring on the same database, as a second process would have
        HubKeyRing otherInstance = new HubKeyRing(hubConfig, keysConfig, vault, clock, pool, subscriber);
        String before = ring.signingKey(SignatureProfile.SM2).orElseThrow().kid();

        KeyRotationResult result = otherInstance.rotate(SignatureProfile.SM2, Duration.ZERO).await().indefinitely();

        assertNotEquals(before, result.kid());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(result.kid(),
                ring.signingKey(SignatureProfile.SM2).orElseThrow().kid(), "this instance signs with the new key"));
    }

    @Test
    void rotationIsForOperatorsOnly() {
        given().contentType(ContentType.JSON).body("{\"alg\":\"SM2\"}").when().post("/v1/admin/keys/rotate")
                .then().statusCode(401);
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body("{\"alg\":\"RS256\"}")
                .when().post("/v1/admin/keys/rotate").then().statusCode(400);
    }

    /** A hub token for the department, from an ID token of the member, at the test clock's time. */
    private String hubToken() {
        Instant now = clock.instant();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", MEMBER).put("sub", "pat").put("aud", TestMembers.HUB_ID).put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(600).getEpochSecond()).put("auth_time", now.getEpochSecond())
                .put("acr", "urn:ymt:loa:high");
        String idToken = JwsSigner.sign(memberKey, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .formParam("subject_token", idToken)
                .formParam("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .formParam("audience", DEPARTMENT)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", ClientAssertion.sign(departmentKey, DEPARTMENT, TestMembers.HUB_ID, now))
                .when().post("/v1/token").then().statusCode(200).extract().path("access_token");
    }

    private boolean active(String token) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("token", token)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", ClientAssertion.sign(departmentKey, DEPARTMENT, TestMembers.HUB_ID,
                        clock.instant()))
                .when().post("/v1/introspect").then().statusCode(200).extract().path("active");
    }

    private static JwkSet published() {
        return JwkSet.parse(given().when().get("/v1/jwks").then().statusCode(200).extract().asString());
    }

    private static String kid(String jws) {
        return ParsedJws.parseCompact(jws).header().kid();
    }

    private static Set<String> kids(JwkSet set) {
        return set.keys().stream().map(Jwk::kid).collect(Collectors.toSet());
    }
}

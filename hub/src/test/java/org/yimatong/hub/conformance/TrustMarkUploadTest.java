package org.yimatong.hub.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.crypto.Sm3;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.payload.TrustMark;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Trust marks from signed conformance reports: what is recorded, and that every refusal records nothing. */
@QuarkusTest
class TrustMarkUploadTest {

    static final String PROBLEM = "https://yimatong.org/problems/";
    static final String PLATFORM = "ymt:member:810100";
    static final String OTHER_PLATFORM = "ymt:member:810200";
    static final String CHILD_HUB = "ymt:hub:child-8103";

    private final Jwk runnerKey = Jwk.generate(SignatureProfile.SM2);
    private final Jwk memberKey = Jwk.generate(SignatureProfile.SM2);
    private final Instant finished = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @BeforeEach
    void freshMembersAndATrustedRunner() {
        TestMembers.register(PLATFORM, "http://localhost:9/m8101", memberKey, "8101");
        TestMembers.register(OTHER_PLATFORM, "http://localhost:9/m8102", memberKey, "8102");
        TestMembers.register(CHILD_HUB, "HUB", "http://localhost:9/h8103", memberKey, "ACTIVE", "8103");
        pool.preparedQuery("update member set trust_marks = '[]' where entity_id = any($1)")
                .execute(Tuple.of(new String[]{ PLATFORM, OTHER_PLATFORM, CHILD_HUB })).await().indefinitely();
        RunnerReports.trust(runnerKey);
    }

    @Test
    void anotherHubChecksTheMarkAgainstThisHubsKeySetAndAnExpiredMarkSaysSo() throws Exception {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");
        upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)).statusCode(201);

        // what another hub has: this hub's public member record and its published key set, nothing else
        String signature = given().when().get("/v1/members/" + PLATFORM).then().statusCode(200)
                .body("trustMarks[0].expired", org.hamcrest.Matchers.nullValue())
                .extract().path("trustMarks[0].signature");
        JwkSet published = JwkSet.parse(given().when().get("/v1/jwks").then().statusCode(200).extract().asString());
        JsonNode claims = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TrustMark.TYP)
                .verify(signature, published).payload());
        assertEquals(PLATFORM, claims.path("sub").asText());
        assertEquals(TestMembers.HUB_ID, claims.path("iss").asText());
        assertEquals("member", claims.path("plan").asText());
        assertEquals("sm3:" + Sm3.hex(report), claims.path("reportDigest").asText());
        assertTrue(claims.path("exp").asLong() - claims.path("iat").asLong() >= 365L * 24 * 3600, "valid a year");
        // a mark altered after signing no longer verifies
        String[] parts = signature.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toString().replace("\"member\"", "\"hub\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> new JwsVerifier(EnumSet.allOf(
                SignatureProfile.class), TrustMark.TYP).verify(forged, published));

        clock.advance(java.time.Duration.ofDays(366));
        try {
            given().when().get("/v1/members/" + PLATFORM).then().statusCode(200)
                    .body("trustMarks[0].expired", equalTo(true));
        } finally {
            clock.reset();
        }
    }

    @Test
    void aPassingMemberReportRecordsAMarkThatThePublicViewShows() {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED", "SKIPPED", "PASSED");

        upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)).statusCode(201)
                .body("plan", equalTo("member"))
                .body("suiteVersion", equalTo("1.0.0"))
                .body("contractVersion", equalTo("1.0.0"))
                .body("issuedAt", equalTo(finished.toString()))
                .body("reportDigest", equalTo("sm3:" + Sm3.hex(report)))
                .body("runnerKid", equalTo(runnerKey.kid()));

        given().when().get("/v1/members/" + PLATFORM).then().statusCode(200)
                .body("trustMarks", hasSize(1))
                .body("trustMarks[0].plan", equalTo("member"))
                .body("trustMarks[0].suiteVersion", equalTo("1.0.0"))
                .body("trustMarks[0].issuedAt", equalTo(finished.toString()));
        given().header("Authorization", TestMembers.ADMIN).when().get("/v1/admin/members/" + PLATFORM).then()
                .statusCode(200).body("trustMarks[0].runnerKid", equalTo(runnerKey.kid()));
        assertTrue(storedMarks(PLATFORM).contains(runnerKey.kid()), "the mark is in the member table");
        assertEquals(1L, pool.preparedQuery("select count(*) from audit_event where action = 'ADMIN' and member = $1"
                + " and outcome = 'OK' and target = $2").execute(Tuple.of(PLATFORM,
                        "sm3:" + Sm3.hex(report).substring(0, 16)))
                .await().indefinitely().iterator().next().getLong(0), "the upload is audited");
    }

    @Test
    void aReportLargerThanOrdinaryJsonBodiesIsAccepted() {
        List<String> manyTests = Collections.nCopies(1200, "PASSED");
        byte[] report = RunnerReports.report("member", "1.0.0", PLATFORM, "PASSED", finished, manyTests);
        assertTrue(report.length > 65536, "larger than the 64 KiB JSON body limit: " + report.length);

        upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)).statusCode(201);
    }

    @Test
    void anEs256RunnerKeyGivesASha256Digest() {
        Jwk es256Runner = Jwk.generate(SignatureProfile.ES256);
        RunnerReports.trust(runnerKey, es256Runner);
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");

        upload(PLATFORM, report, RunnerReports.sign(es256Runner, report)).statusCode(201)
                .body("reportDigest", matchesPattern("sha-256:[0-9a-f]{64}"));
    }

    @Test
    void aFailingReportIsRefusedNamingTheFailedTestsAndRecordsNothing() {
        byte[] report = RunnerReports.report("member", PLATFORM, "FAILED", finished, "PASSED", "FAILED", "ERROR");

        problem(upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)), 422, "conformance-not-passed")
                .body("errors.pointer", equalTo(List.of("/tests/1", "/tests/2")));
        assertNoMarks(PLATFORM);
    }

    @Test
    void aReportThatCallsItselfFailedIsRefusedEvenIfNoTestFailed() {
        byte[] report = RunnerReports.report("member", PLATFORM, "FAILED", finished, "PASSED", "SKIPPED");

        problem(upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)), 422, "conformance-not-passed");
        assertNoMarks(PLATFORM);
    }

    @Test
    void oneChangedByteBreaksTheSignature() {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");
        String signature = RunnerReports.sign(runnerKey, report);
        byte[] changed = Arrays.copyOf(report, report.length);
        int at = new String(report, StandardCharsets.UTF_8).indexOf("1.0.0");
        changed[at] = '2';

        problem(upload(PLATFORM, changed, signature), 400, "signature-invalid");
        assertNoMarks(PLATFORM);
    }

    @Test
    void aReportSignedByAnUntrustedKeyIsRefused() {
        Jwk stranger = Jwk.generate(SignatureProfile.SM2);
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");

        problem(upload(PLATFORM, report, RunnerReports.sign(stranger, report)), 400, "unknown-key");
        problem(upload(PLATFORM, report, RunnerReports.sign(stranger.withKid(runnerKey.kid()), report)), 400,
                "signature-invalid");
        assertNoMarks(PLATFORM);
    }

    @Test
    void aSignatureOfAnotherTypeIsRefused() {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");
        String batchTyped = JwsSigner.signDetached(runnerKey, "ymt-batch+jws", report);

        problem(upload(PLATFORM, report, batchTyped), 400, "code-wrong-type");
        assertNoMarks(PLATFORM);
    }

    @Test
    void aMissingOrMalformedSignatureIsRefused() {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");

        problem(given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(report)
                .when().post(reportsOf(PLATFORM)).then(), 400, "validation-failed")
                .body("errors[0].pointer", equalTo("/header/" + ConformanceReportResource.SIGNATURE_HEADER));
        String compact = JwsSigner.sign(runnerKey, null, report);
        problem(upload(PLATFORM, report, compact), 400, "validation-failed");
        assertNoMarks(PLATFORM);
    }

    @Test
    void withNoTrustedRunnerKeyEveryUploadIsRefused() {
        RunnerReports.trustNothing();
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");

        problem(upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)), 400, "unknown-key");
        assertNoMarks(PLATFORM);
    }

    @Test
    void aReportAboutAnotherMemberIsRefused() {
        byte[] report = RunnerReports.report("member", OTHER_PLATFORM, "PASSED", finished, "PASSED");

        problem(upload(PLATFORM, report, RunnerReports.sign(runnerKey, report)), 400, "validation-failed")
                .body("errors[0].pointer", equalTo("/target/entityId"));
        assertNoMarks(PLATFORM);
        assertNoMarks(OTHER_PLATFORM);
    }

    @Test
    void anUnknownMemberIsNotFound() {
        byte[] report = RunnerReports.report("member", "ymt:member:819900", "PASSED", finished, "PASSED");

        problem(upload("ymt:member:819900", report, RunnerReports.sign(runnerKey, report)), 404, "not-found");
    }

    @Test
    void theHubPlanCertifiesHubsOnly() {
        byte[] forPlatform = RunnerReports.report("hub", PLATFORM, "PASSED", finished, "PASSED");
        problem(upload(PLATFORM, forPlatform, RunnerReports.sign(runnerKey, forPlatform)), 400, "validation-failed")
                .body("errors[0].pointer", equalTo("/plan"));
        assertNoMarks(PLATFORM);

        byte[] forHub = RunnerReports.report("hub", CHILD_HUB, "PASSED", finished, "PASSED");
        upload(CHILD_HUB, forHub, RunnerReports.sign(runnerKey, forHub)).statusCode(201).body("plan", equalTo("hub"));
        given().when().get("/v1/members/" + CHILD_HUB).then().body("trustMarks.plan", equalTo(List.of("hub")));
    }

    @Test
    void aLaterRunReplacesTheMarkOfTheSamePlanAndSuiteAndAnEarlierOneIsAConflict() {
        byte[] first = RunnerReports.report("member", PLATFORM, "PASSED", finished.minusSeconds(3600), "PASSED");
        byte[] second = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");
        byte[] otherSuite = RunnerReports.report("member", "1.1.0", PLATFORM, "PASSED", finished,
                List.of("PASSED"));

        upload(PLATFORM, first, RunnerReports.sign(runnerKey, first)).statusCode(201);
        upload(PLATFORM, second, RunnerReports.sign(runnerKey, second)).statusCode(201);
        upload(PLATFORM, otherSuite, RunnerReports.sign(runnerKey, otherSuite)).statusCode(201);
        problem(upload(PLATFORM, first, RunnerReports.sign(runnerKey, first)), 409, "conflict");

        given().when().get("/v1/members/" + PLATFORM).then()
                .body("trustMarks.suiteVersion", equalTo(List.of("1.0.0", "1.1.0")))
                .body("trustMarks[0].issuedAt", equalTo(finished.toString()));
    }

    @Test
    void aReportThatIsNotTheRunnersJsonIsRefused() {
        byte[] notJson = "PASSED".getBytes(StandardCharsets.UTF_8);
        problem(upload(PLATFORM, notJson, RunnerReports.sign(runnerKey, notJson)), 400, "malformed-request");

        byte[] wrongOutcome = RunnerReports.report("member", PLATFORM, "GREAT", finished, "PASSED");
        problem(upload(PLATFORM, wrongOutcome, RunnerReports.sign(runnerKey, wrongOutcome)), 400, "validation-failed")
                .body("errors[0].pointer", equalTo("/summary/result"));
        assertNoMarks(PLATFORM);
    }

    @Test
    void uploadingNeedsTheAdminToken() {
        byte[] report = RunnerReports.report("member", PLATFORM, "PASSED", finished, "PASSED");

        problem(given().contentType(ContentType.JSON).header(ConformanceReportResource.SIGNATURE_HEADER,
                RunnerReports.sign(runnerKey, report)).body(report).when().post(reportsOf(PLATFORM)).then(),
                401, "unauthenticated");
        problem(given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .header(ConformanceReportResource.SIGNATURE_HEADER, RunnerReports.sign(runnerKey, report)).body(report)
                .when().post(reportsOf(PLATFORM)).then(), 401, "unauthenticated");
        assertNoMarks(PLATFORM);
    }

    private static ValidatableResponse upload(String entityId, byte[] report, String signature) {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .header(ConformanceReportResource.SIGNATURE_HEADER, signature).body(report)
                .when().post(reportsOf(entityId)).then();
    }

    private static String reportsOf(String entityId) {
        return "/v1/admin/members/" + entityId + "/conformance-reports";
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status).contentType("application/problem+json").body("type", equalTo(PROBLEM
                + slug));
    }

    private void assertNoMarks(String entityId) {
        given().when().get("/v1/members/" + entityId).then().statusCode(200).body("trustMarks", empty());
        assertEquals("[]", storedMarks(entityId));
    }

    private String storedMarks(String entityId) {
        return pool.preparedQuery("select trust_marks from member where entity_id = $1").execute(Tuple.of(entityId))
                .await().indefinitely().iterator().next().getString(0);
    }
}

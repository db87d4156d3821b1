package org.yimatong.hub.venues;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.memberapi.Federation.asCaller;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.VenueKind;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * REQ-VENUE-1..2: a visitor's platform reports a scan of a venue code; the hub whose child is the venue's platform
 * checks the code with that platform's keys, answers the venue at once and delivers the scan to the platform, once,
 * however often the report comes or the delivery fails, auditing the delivery; a region outside the subtree goes to
 * the parent. Each delivery test has its own venue platform (prefixes 90, 93, 94, 95 for the bad input, 91 behind a
 * SOAP gateway; 58 and 59 are served by nobody), so deliveries never cross tests; the control that NoTrace notices a
 * stored scan reuses 90's.
 */
@QuarkusTest
class VenueScansTest {

    private static final VenueCodeCodec VENUES = new VenueCodeCodec();
    private static final String SUBJECT = "ab".repeat(32);
    private static final String V95 = "ymt:member:950000";

    @InjectFederation
    WireMockServer wm;

    @Inject
    VenueScans scans;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void aScanIsAnsweredWithTheVenueAndDeliveredToItsPlatformOnceHoweverOftenItIsReported() {
        Jwk key = venuePlatform("ymt:member:900000", "/m90", "90");
        wm.stubFor(post(urlEqualTo("/m90/member/v1/venue-scans")).willReturn(aResponse().withStatus(204)));
        String venueCode = venueCode(key, "ymt:member:900000", "900102", "lz-station-1");
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        String scanId = scan(venueCode, at).statusCode(200)
                .body("accepted", is(true))
                .body("venue.vid", is("lz-station-1"))
                .body("venue.nam", is("兰州西站"))
                .body("venue.knd", is("STATION"))
                .body("venue.rgn", is("900102"))
                .extract().path("scanId");
        // the visitor's platform lost the answer and reports it again: the same scan
        scan(venueCode, at).statusCode(200).body("scanId", is(scanId));

        awaitDeliveries("/m90/member/v1/venue-scans", 1);
        wm.verify(1, postRequestedFor(urlEqualTo("/m90/member/v1/venue-scans"))
                .withRequestBody(matchingJsonPath("$.scanId", equalTo(scanId)))
                .withRequestBody(matchingJsonPath("$.vid", equalTo("lz-station-1")))
                .withRequestBody(matchingJsonPath("$.subject", equalTo(SUBJECT)))
                .withRequestBody(matchingJsonPath("$.direction", equalTo("ENTRY")))
                .withRequestBody(matchingJsonPath("$.reportedBy", equalTo(Federation.CALLER))));
        assertEquals(2, audited(scanId, "ACCEPTED"), "each report is audited, under the one scan id");
        awaitAudited(scanId, "DELIVERED", 1);
        assertEquals(1, audited(scanId, "DELIVERED"), "the one delivery is audited once");
        assertEquals(null, subjectKept(scanId), "delivered: the hub keeps no pseudonym of the visitor");
    }

    @Test
    void aScanWhosePlatformIsDownIsKeptAndDeliveredLaterExactlyOnce() {
        Jwk key = venuePlatform("ymt:member:930000", "/m93", "93");
        wm.stubFor(post(urlEqualTo("/m93/member/v1/venue-scans")).willReturn(aResponse().withStatus(503)));
        String scanId = scan(venueCode(key, "ymt:member:930000", "930102", "shop-7"), Instant.now().truncatedTo(
                ChronoUnit.SECONDS).toString()).statusCode(200).extract().path("scanId");
        awaitDeliveries("/m93/member/v1/venue-scans", 1);
        assertEquals(0, redeliver(), "not due yet: it waits its back-off");
        assertEquals(0, audited(scanId, "DELIVERED"), "a failed attempt is no delivery");

        wm.stubFor(post(urlEqualTo("/m93/member/v1/venue-scans")).willReturn(aResponse().withStatus(204)));
        clock.advance(Duration.ofSeconds(16));
        try {
            assertEquals(1, redeliver());
            assertEquals(0, redeliver(), "delivered: nothing owed any more");
        } finally {
            clock.reset();
        }
        wm.verify(2, postRequestedFor(urlEqualTo("/m93/member/v1/venue-scans"))
                .withRequestBody(matchingJsonPath("$.scanId", equalTo(scanId))));
        assertEquals(1, audited(scanId, "DELIVERED"), "the redelivery that got through is audited");
    }

    @Test
    void aPlatformThatRefusesAScanForGoodIsNotAskedAgain() {
        Jwk key = venuePlatform("ymt:member:940000", "/m94", "94");
        wm.stubFor(post(urlEqualTo("/m94/member/v1/venue-scans")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/not-found\",\"title\":\"Resource not found\","
                                + "\"status\":404,\"detail\":\"no venue gone-1\"}")));
        String scanId = scan(venueCode(key, "ymt:member:940000", "940102", "gone-1"), Instant.now().truncatedTo(
                ChronoUnit.SECONDS).toString()).statusCode(200).extract().path("scanId");
        awaitDeliveries("/m94/member/v1/venue-scans", 1);
        awaitAudited(scanId, "REFUSED:not-found", 1);

        clock.advance(Duration.ofHours(2));
        try {
            redeliver();
        } finally {
            clock.reset();
        }
        wm.verify(1, postRequestedFor(urlEqualTo("/m94/member/v1/venue-scans")));
        assertEquals(1, audited(scanId, "REFUSED:not-found"), "the platform's refusal is audited once");
        assertEquals(0, audited(scanId, "DELIVERED"), "a refused scan is no delivery");
    }

    @Test
    void aVenueOutsideThisSubtreeGoesToTheParentWithItsScanIdAndReporter() {
        // the parent answers for the scan id it was sent (echoed by WireMock, not computed here)
        parentAnswers("{{request.headers.Ymt-Scan-Id}}");

        scan(outsideVenueCode(), "2026-12-01T08:00:00Z").statusCode(200).body("venue.vid", is("gz-1"));

        wm.verify(1, postRequestedFor(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans"))
                .withHeader("Ymt-Scan-Reporter", equalTo(Federation.CALLER))
                .withHeader("Ymt-Scan-Id", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "[A-Za-z0-9_-]{22}"))
                .withRequestBody(matchingJsonPath("$.subject", equalTo(SUBJECT))));
    }

    @Test
    void aParentThatAcceptsAnotherScanThanTheOneSentIsABadAnswer() {
        parentAnswers("some-other-scan");

        scan(outsideVenueCode(), "2026-12-01T09:00:00Z").statusCode(502).contentType("application/problem+json")
                .body("type", is("https://yimatong.org/problems/member-bad-answer"));
    }

    /** The parent, accepting the venue scan it is sent with {@code scanId} (a WireMock template or a literal). */
    private void parentAnswers(String scanId) {
        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"venue":{"vid":"gz-1","nam":"广州南站","rgn":"580106","knd":"STATION"},"accepted":true,
                         "scanId":"%s"}""".formatted(scanId)).withTransformers("response-template")));
    }

    /** A venue code of region 58, served by no member of this hub (nor of any test): its scans go to the parent. */
    private static String outsideVenueCode() {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
        return venueCode(Federation.GUANGDONG_KEY, "ymt:member:580000", "580106", "gz-1", "广州南站", iat, iat.plus(
                Duration.ofDays(300)));
    }

    // Bad input (the issue "Gansu"): each refused with a problem of a stable type, nothing stored, nothing sent to
    // any node (NoTrace). Prefix 95 is the venue platform of these tests.

    @Test
    void aDynamicCodeScannedAsAVenueIsRefusedAndNothingIsStoredOrSent() {
        Jwk key = venuePlatform(V95, "/m95", "95");
        String dynamicCode = Federation.code(key, V95, "950102");

        NoTrace before = NoTrace.before(pool, wm);
        problem(scan(dynamicCode, now()), 400, "not-a-venue-code");
        before.nothingStoredOrSent(dynamicCode);
    }

    @Test
    void aVenueCodeShownForVerificationIsRefusedAndNothingIsStoredOrSent() {
        Jwk key = venuePlatform(V95, "/m95", "95");
        String venueCode = venueCode(key, V95, "950102", "v-1");

        NoTrace before = NoTrace.before(pool, wm);
        problem(asCaller().body(Federation.verificationRequest(venueCode)).when().post("/v1/verifications").then(),
                400, "not-a-dynamic-code");
        before.nothingStoredOrSent(venueCode);
    }

    @Test
    void aVenueCodePastItsExpIsRefusedAndNothingIsStoredOrSent() {
        Jwk key = venuePlatform(V95, "/m95", "95");
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
        String expired = venueCode(key, V95, "950102", "v-2", "旧店", issued, issued.plus(Duration.ofDays(30)));

        NoTrace before = NoTrace.before(pool, wm);
        problem(scan(expired, now()), 400, "code-expired");
        before.nothingStoredOrSent(expired);
    }

    @Test
    void aVenueCodePastItsExpBoundForTheParentIsRefusedHereAndNothingIsSentUp() {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
        String expired = venueCode(Federation.GUANGDONG_KEY, "ymt:member:580000", "580106", "gz-2", "旧站", issued,
                issued.plus(Duration.ofDays(30)));

        NoTrace before = NoTrace.before(pool, wm);
        problem(scan(expired, now()), 400, "code-expired");
        before.nothingStoredOrSent(expired);
    }

    /**
     * The venue's platform is unknown and this hub knows it: the region is its child 950000's, and the code's issuer
     * is not 950000 (a platform nobody registered, or another member). No stub answers for the parent, so the type
     * can only be this hub's own.
     */
    @Test
    void aVenueCodeOfAPlatformUnknownForARegionThisHubServesIsRefusedHereAndNothingIsStoredOrSent() {
        venuePlatform(V95, "/m95", "95");
        String ofNobody = venueCode(Jwk.generate(SignatureProfile.SM2), "ymt:member:590000", "950102", "v-3");
        String ofShanghai = venueCode(Federation.SHANGHAI_KEY, Federation.SHANGHAI, "950102", "v-4");

        for (String venueCode : new String[]{ ofNobody, ofShanghai }) {
            NoTrace before = NoTrace.before(pool, wm);
            problem(scan(venueCode, now()), 400, "unknown-issuer")
                    .body("detail", containsString("served by " + V95));
            before.nothingStoredOrSent(venueCode);
        }
    }

    /**
     * A region no child of this hub serves is, for this hub, the parent's: it cannot know whether a platform there
     * exists, so the scan is sent up (this is no "nothing sent" case, and not one this hub decides) and the parent's
     * refusal is relayed with its type; here nothing is stored, and no member is asked.
     */
    @Test
    void aVenueOfARegionOutsideThisSubtreeIsTheParentsToRefuseAndNothingIsStoredHere() {
        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/unknown-issuer\",\"title\":\"Unknown issuer\","
                                + "\"status\":400,\"detail\":\"no member serves region 590102\"}")));
        String venueCode = venueCode(Jwk.generate(SignatureProfile.SM2), "ymt:member:590000", "590102", "v-5");
        long stored = venueScans();

        problem(scan(venueCode, now()), 400, "unknown-issuer");

        wm.verify(1, postRequestedFor(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans"))
                .withRequestBody(matchingJsonPath("$.venueCode", equalTo(venueCode))));
        wm.verify(0, postRequestedFor(urlMatching("/m[0-9]+/.*(venue-scans|verifications)")));
        assertEquals(stored, venueScans(), "a scan the parent refused is not stored here");
    }

    @Test
    void aBodyThatIsNoScanIsRefusedAndNothingIsStoredOrSent() {
        NoTrace before = NoTrace.before(pool, wm);
        problem(asCaller().body("{\"venueCode\":\"a.b.c\",\"subject\":\"not-a-pseudonym\"}").when()
                .post("/v1/venue-scans").then(), 400, "validation-failed");
        before.nothingStoredOrSent("not-a-pseudonym");
    }

    /**
     * A venue of a platform whose dialect cannot carry venue scans (Daqing-like, behind a SOAP gateway): refused when
     * reported, not accepted and then dropped when the adapter refuses it; the refusal is audited.
     */
    @Test
    void aVenueOfAPlatformWhoseDialectCarriesNoScansIsRefusedAndNothingIsStoredOrSent() {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        String soapPlatform = "ymt:member:910000";
        String record = """
                {"entityId":"%s","displayName":"SOAP gateway","kind":"PLATFORM","regionPrefixes":["91"],"parent":"%s",
                 "baseUrl":"%s","dialect":"soap-md5","jwks":%s,"status":"ACTIVE"}"""
                .formatted(soapPlatform, TestMembers.HUB_ID, wm.baseUrl() + "/m91", new JwkSet(List.of(key
                        .publicOnly())).toJson());
        admin().body(record).put("/v1/admin/members/" + soapPlatform).then().statusCode(oneOf(200, 201));
        admin().body("{\"credentialId\":\"ymt-hub-test\",\"secret\":\"soap-secret\"}")
                .put("/v1/admin/members/" + soapPlatform + "/adapter").then().statusCode(200);
        String venueCode = venueCode(key, soapPlatform, "910102", "dq-1");
        Instant asked = Instant.now();

        NoTrace before = NoTrace.before(pool, wm);
        problem(scan(venueCode, now()), 403, "forbidden").body("detail", containsString("soap-md5"));
        before.nothingStoredOrSent(venueCode);
        wm.verify(0, anyRequestedFor(urlMatching("/m91/.*")));
        assertEquals(1L, pool.preparedQuery("select count(*) from audit_event where action = 'VENUE_SCAN'"
                + " and member = $1 and outcome = 'PROBLEM:forbidden' and at >= $2").execute(Tuple.of(soapPlatform,
                        asked.atOffset(ZoneOffset.UTC))).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong(0), "the refusal is audited, with the venue's platform");
    }

    /** NoTrace can fail: a scan stored, a verification answered, a code sent up are each noticed. */
    @Test
    void noTraceNoticesWhatIsStoredAuditedOrSent() {
        Jwk key = venuePlatform("ymt:member:900000", "/m90", "90");
        wm.stubFor(post(urlEqualTo("/m90/member/v1/venue-scans")).willReturn(aResponse().withStatus(204)));
        String accepted = venueCode(key, "ymt:member:900000", "900102", "lz-station-2");
        NoTrace before = NoTrace.before(pool, wm);
        String scanId = scan(accepted, now()).statusCode(200).extract().path("scanId");
        assertNoticed(before, accepted, "stored a venue scan");
        awaitAudited(scanId, "DELIVERED", 1);

        wm.stubFor(post(urlEqualTo("/m310000/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Federation.liveAnswer("GREEN",
                        Federation.SHANGHAI))));
        String answered = Federation.code(Federation.SHANGHAI_KEY, Federation.SHANGHAI, "310104");
        before = NoTrace.before(pool, wm);
        asCaller().body(Federation.verificationRequest(answered)).when().post("/v1/verifications").then()
                .statusCode(200);
        assertNoticed(before, answered, "left an audit event other than its refusal");

        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/unknown-issuer\",\"title\":\"Unknown issuer\","
                                + "\"status\":400}")));
        String sentUp = venueCode(Jwk.generate(SignatureProfile.SM2), "ymt:member:590000", "590102", "v-6");
        before = NoTrace.before(pool, wm);
        problem(scan(sentUp, now()), 400, "unknown-issuer");
        assertNoticed(before, sentUp, "reached a node of the federation");
    }

    private static void assertNoticed(NoTrace before, String code, String what) {
        AssertionFailedError noticed = assertThrows(AssertionFailedError.class, () -> before.nothingStoredOrSent(
                code));
        assertTrue(noticed.getMessage().contains(what), noticed.getMessage());
    }

    private static ValidatableResponse problem(ValidatableResponse answer, int status, String slug) {
        return answer.statusCode(status).contentType("application/problem+json")
                .body("type", is("https://yimatong.org/problems/" + slug)).body("status", is(status));
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private long venueScans() {
        return pool.query("select count(*) from venue_scan").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON);
    }

    private Jwk venuePlatform(String id, String path, String prefix) {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register(id, wm.baseUrl() + path, key, prefix);
        return key;
    }

    private static String venueCode(Jwk key, String iss, String rgn, String vid) {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        return venueCode(key, iss, rgn, vid, "兰州西站", iat, iat.plus(Duration.ofDays(300)));
    }

    private static String venueCode(Jwk key, String iss, String rgn, String vid, String name, Instant iat,
            Instant exp) {
        return VENUES.encode(new VenueClaims(iss, vid, rgn, VenueKind.STATION, name, iat, exp), key);
    }

    private static ValidatableResponse scan(String venueCode, String at) {
        return asCaller().body("""
                {"venueCode":"%s","subject":"%s","at":"%s","direction":"ENTRY"}""".formatted(venueCode, SUBJECT, at))
                .when().post("/v1/venue-scans").then();
    }

    private int redeliver() {
        return scans.redeliverDue().await().atMost(Duration.ofSeconds(10));
    }

    private void awaitDeliveries(String path, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(postRequestedFor(
                urlEqualTo(path))).size() >= count);
    }

    private long audited(String scanId, String outcome) {
        return pool.preparedQuery("select count(*) from audit_event where action = 'VENUE_SCAN' and target = $1"
                + " and outcome = $2").execute(Tuple.of(scanId, outcome)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private void awaitAudited(String scanId, String outcome, long count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audited(scanId, outcome) >= count);
    }

    private String subjectKept(String scanId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pool.preparedQuery(
                "select delivered_at from venue_scan where scan_id = $1").execute(Tuple.of(scanId)).await()
                .indefinitely().iterator().next().getValue(0) != null);
        return pool.preparedQuery("select subject from venue_scan where scan_id = $1").execute(Tuple.of(scanId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
    }
}

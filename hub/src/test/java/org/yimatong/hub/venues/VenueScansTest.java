package org.yimatong.hub.venues;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.asCaller;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.VenueKind;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * REQ-VENUE-1..2: a visitor's platform reports a scan of a venue code; the hub whose child is the venue's platform
 * checks the code with that platform's keys, answers the venue at once and delivers the scan to the platform, once,
 * however often the report comes or the delivery fails; a region outside the subtree goes to the parent. Each test has
 * its own venue platform (prefixes 90, 93, 94, 95; 58 and 59 are served by nobody), so deliveries never cross
 * tests.
 */
@QuarkusTest
class VenueScansTest {

    private static final VenueCodeCodec VENUES = new VenueCodeCodec();
    private static final String SUBJECT = "ab".repeat(32);

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
    }

    @Test
    void aPlatformThatRefusesAScanForGoodIsNotAskedAgain() {
        Jwk key = venuePlatform("ymt:member:940000", "/m94", "94");
        wm.stubFor(post(urlEqualTo("/m94/member/v1/venue-scans")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/not-found\",\"title\":\"Resource not found\","
                                + "\"status\":404,\"detail\":\"no venue gone-1\"}")));
        scan(venueCode(key, "ymt:member:940000", "940102", "gone-1"), Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString()).statusCode(200);
        awaitDeliveries("/m94/member/v1/venue-scans", 1);

        clock.advance(Duration.ofHours(2));
        try {
            redeliver();
        } finally {
            clock.reset();
        }
        wm.verify(1, postRequestedFor(urlEqualTo("/m94/member/v1/venue-scans")));
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

    @Test
    void badScansAreProblemsAndNothingIsStoredOrSent() {
        Jwk key = venuePlatform("ymt:member:950000", "/m95", "95");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

        // a person's dynamic code scanned as a venue
        scan(Federation.code(key, "ymt:member:950000", "950102"), now).statusCode(400)
                .body("type", is("https://yimatong.org/problems/not-a-venue-code"));
        // a venue code shown at a checkpoint as a person's code
        asCaller().body(Federation.verificationRequest(venueCode(key, "ymt:member:950000", "950102", "v-1")))
                .when().post("/v1/verifications").then().statusCode(400)
                .body("type", is("https://yimatong.org/problems/not-a-dynamic-code"));
        // a venue code past its exp
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
        scan(venueCode(key, "ymt:member:950000", "950102", "v-2", "旧店", issued, issued.plus(Duration.ofDays(30))),
                now).statusCode(400).body("type", is("https://yimatong.org/problems/code-expired"));
        // a venue of a platform nobody serves (this test hub's parent does not know it either: unknown issuer)
        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/venue-scans")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody(
                        "{\"type\":\"https://yimatong.org/problems/unknown-issuer\",\"title\":\"Unknown issuer\","
                                + "\"status\":400,\"detail\":\"no member serves region 590102\"}")));
        scan(venueCode(key, "ymt:member:590000", "590102", "v-3"), now).statusCode(400)
                .body("type", is("https://yimatong.org/problems/unknown-issuer"));
        // a body that is no scan
        asCaller().body("{\"venueCode\":\"a.b.c\",\"subject\":\"not-a-pseudonym\"}").when().post("/v1/venue-scans")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", is("https://yimatong.org/problems/validation-failed"));

        wm.verify(0, postRequestedFor(urlEqualTo("/m95/member/v1/venue-scans")));
        assertEquals(0L, pool.preparedQuery("select count(*) from venue_scan where venue_member = $1")
                .execute(Tuple.of("ymt:member:950000")).await().atMost(Duration.ofSeconds(5)).iterator().next()
                .getLong(0));
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

    private String subjectKept(String scanId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pool.preparedQuery(
                "select delivered_at from venue_scan where scan_id = $1").execute(Tuple.of(scanId)).await()
                .indefinitely().iterator().next().getValue(0) != null);
        return pool.preparedQuery("select subject from venue_scan where scan_id = $1").execute(Tuple.of(scanId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getString(0);
    }
}

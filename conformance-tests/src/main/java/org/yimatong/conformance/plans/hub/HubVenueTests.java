package org.yimatong.conformance.plans.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * Venue codes and scans (DESIGN.md §5a): a visitor's platform ({@link VirtualFederation#active()}) reports scans of
 * venue codes of a platform below the hub, which the hub answers (REQ-VENUE-1) and delivers to that platform
 * (REQ-VENUE-2). Each test onboards its own venue platform ({@link VirtualFederation#fresh}), so the deliveries it
 * counts are its own; each names its visitor afresh, so a scan of an earlier run (the hub keeps scans by report) is
 * never this run's.
 *
 * <p>What the plan certifies of delivery is what can be seen in seconds: the first delivery, once per scan, and the
 * scan's id kept across repeated reports, also while the platform is unavailable. Redelivery after a refusal waits
 * the hub's back-off (15 s and more), longer than a test may take, so the plan does not wait for it.
 */
public final class HubVenueTests {

    static final String SCHEMA = "venue-scan-answer.json";
    static final String RECORD_SCHEMA = "venue-scan-record.json";
    static final String SCAN_ID_HEADER = "Ymt-Scan-Id";
    /** The hub delivers right after answering; this is ample for a hub on the same network as the suite. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);
    /**
     * How long nothing must arrive after a refusal or a repeated report: a hub that wrongly kept the scan would
     * deliver it right after answering, as it does an accepted one.
     */
    static final Duration QUIET = Duration.ofSeconds(2);
    private static final String VID = "ymt-conformance-shop-1";
    private static final String NAME = "一码通一致性测试商店";

    @Conformance(id = "YMT-HVEN-001",
            title = "A scan of a member platform's venue code is answered with the venue, accepted, and a scanId: the same report again gets the same scanId, another report another",
            requirements = { "REQ-VENUE-1" })
    public void scanIsAnsweredWithTheVenue(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.takesVenueScans(ctx, venues);
        String code = venues.venueCode(VID, NAME);
        String subject = visitor();
        Instant at = now().minus(Duration.ofMinutes(30));

        JsonNode answer = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: a scan of a venue code is answered");
        JsonNode venue = answer.path("venue");
        Check.equal(VID, venue.path("vid").asText(), "venue.vid", "REQ-VENUE-1: the venue as its code names it");
        Check.equal(NAME, venue.path("nam").asText(), "venue.nam", "REQ-VENUE-1");
        Check.equal(venues.regionCode(), venue.path("rgn").asText(), "venue.rgn", "REQ-VENUE-1");
        Check.equal("SHOP", venue.path("knd").asText(), "venue.knd", "REQ-VENUE-1");
        Check.that(answer.path("accepted").asBoolean(false), "REQ-VENUE-1: accepted: true");
        String scanId = answer.path("scanId").asText();

        // the visitor's platform lost the answer and reports the scan again
        JsonNode again = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: a repeated report is answered");
        Check.equal(scanId, again.path("scanId").asText(), "scanId of the same report sent again",
                "REQ-VENUE-1: the same report is the same scan");
        JsonNode leaving = HubCalls.venueScan(ctx, visitors, code, subject, now(), "EXIT").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: the visitor's exit is answered");
        Check.that(!scanId.equals(leaving.path("scanId").asText()), "REQ-VENUE-1: another report (the exit, half an"
                + " hour later) is another scan, with another scanId; got " + scanId + " for both");
    }

    @Conformance(id = "YMT-HVEN-002",
            title = "An accepted scan is delivered to the venue's platform once, as POST /member/v1/venue-scans with its scanId, and a repeated report is not delivered again",
            requirements = { "REQ-VENUE-2" })
    public void scanIsDeliveredOnce(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.takesVenueScans(ctx, venues);
        String code = venues.venueCode(VID, NAME);
        String subject = visitor();
        Instant at = now();

        String scanId = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: the scan is accepted").path("scanId").asText();

        List<ReceivedRequest> delivered = awaitDeliveries(ctx, venues, 1);
        Check.equal(1, delivered.size(), "venue scans delivered to the venue's platform within "
                + DELIVERY_WAIT.toSeconds() + " s", "REQ-VENUE-2: an accepted scan reaches the venue's platform");
        JsonNode record = expectRecord(delivered.get(0), scanId);
        Check.equal(VID, record.path("vid").asText(), "vid of the delivered record", "REQ-VENUE-2");
        Check.equal(subject, record.path("subject").asText(), "subject of the delivered record",
                "REQ-VENUE-2: the visitor's pseudonym, for the venue platform's contact tracing");
        Check.equal(at, instant(record.path("at").asText()), "at of the delivered record", "REQ-VENUE-2");
        Check.equal("ENTRY", record.path("direction").asText(), "direction of the delivered record", "REQ-VENUE-2");
        Check.equal(visitors.entityId(), record.path("reportedBy").asText(), "reportedBy of the delivered record",
                "REQ-VENUE-2: the platform that reported the scan");

        String again = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: a repeated report is answered").path("scanId").asText();
        Check.equal(scanId, again, "scanId of the repeated report", "REQ-VENUE-2: the same scan keeps its scanId");
        sleep(QUIET);
        Check.equal(1, VirtualFederation.venueScansReceived(ctx, venues).size(), "venue scans delivered after the"
                + " report was repeated", "REQ-VENUE-2: the platform took the scan (204), so the hub owes it nothing"
                        + " more: a repeated report is no second visit");
    }

    @Conformance(id = "YMT-HVEN-003",
            title = "A venue platform answering 503 does not hold up the visitor: the scan is accepted, attempted with its scanId, and keeps that id when reported again (redelivery after the hub's back-off is not awaited)",
            requirements = { "REQ-VENUE-2", "REQ-VENUE-1" })
    public void unavailablePlatformDoesNotLoseTheScan(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        // unavailable once, then taking scans: a hub that redelivers while the suite still listens is done with it
        String scenario = "venue platform " + venues.entityId();
        ctx.counterpart().server().wireMock().stubFor(post(urlPathEqualTo(venues.apiPath("venue-scans")))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("back")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        ctx.counterpart().server().wireMock().stubFor(post(urlPathEqualTo(venues.apiPath("venue-scans")))
                .inScenario(scenario).whenScenarioStateIs("back").willReturn(aResponse().withStatus(204)));
        String code = venues.venueCode(VID, NAME);
        String subject = visitor();
        Instant at = now();

        String scanId = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: the scan is answered at once, whatever its delivery meets")
                .path("scanId").asText();
        List<ReceivedRequest> attempts = awaitDeliveries(ctx, venues, 1);
        Check.that(!attempts.isEmpty(), "REQ-VENUE-2: the hub must try to deliver the accepted scan within "
                + DELIVERY_WAIT.toSeconds() + " s; nothing reached the venue's platform");
        expectRecord(attempts.get(0), scanId);

        String again = HubCalls.venueScan(ctx, visitors, code, subject, at, "ENTRY").send()
                .expectJson(200, SCHEMA, "REQ-VENUE-1: a repeated report is answered").path("scanId").asText();
        Check.equal(scanId, again, "scanId of the report repeated while the scan is owed",
                "REQ-VENUE-2: the scan kept for redelivery is the same scan, under the same scanId");
    }

    @Conformance(id = "YMT-HVEN-004",
            title = "A dynamic code reported as a venue scan is refused with not-a-venue-code and nothing is delivered",
            requirements = { "REQ-VENUE-1", "REQ-VENUE-2" }, negative = true)
    public void dynamicCodeIsNoVenue(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.takesVenueScans(ctx, venues);
        ctx.counterpart().server().forgetReceived();

        HubCalls.venueScan(ctx, visitors, venues.code(Colour.GREEN), visitor(), now(), "ENTRY").send()
                .expectProblem(ProblemType.NOT_A_VENUE_CODE, "REQ-VENUE-1: a person's code is no venue");
        expectNothingReached(ctx, venues, "a dynamic code reported as a venue scan");
    }

    @Conformance(id = "YMT-HVEN-005",
            title = "A venue code shown for verification is refused with not-a-dynamic-code and reaches no one",
            requirements = { "REQ-VENUE-1" }, negative = true)
    public void venueCodeIsNoDynamicCode(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.answersLive(ctx, venues, "GREEN");
        VirtualFederation.takesVenueScans(ctx, venues);
        ctx.counterpart().server().forgetReceived();

        HubCalls.verification(ctx, caller, venues.venueCode(VID, NAME)).send()
                .expectProblem(ProblemType.NOT_A_DYNAMIC_CODE, "REQ-VENUE-1: a venue code has no status to verify");
        expectNothingReached(ctx, venues, "a venue code shown for verification");
    }

    @Conformance(id = "YMT-HVEN-006",
            title = "An expired venue code is refused with code-expired and nothing is delivered",
            requirements = { "REQ-VENUE-1", "REQ-VENUE-2" }, negative = true)
    public void expiredVenueCode(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.takesVenueScans(ctx, venues);
        String code = venues.venueCode(VID, NAME, Instant.now().minus(Duration.ofDays(31)), Duration.ofDays(30),
                venues.identity().key());
        ctx.counterpart().server().forgetReceived();

        HubCalls.venueScan(ctx, visitors, code, visitor(), now(), "ENTRY").send()
                .expectProblem(ProblemType.CODE_EXPIRED, "REQ-VENUE-1: a venue code whose exp is a day past");
        expectNothingReached(ctx, venues, "a scan of an expired venue code");
    }

    @Conformance(id = "YMT-HVEN-007",
            title = "A venue code forged with another key under the platform's kid is refused with signature-invalid and nothing is delivered",
            requirements = { "REQ-VENUE-1", "REQ-VENUE-2", "REQ-CRYPTO-1" }, negative = true)
    public void forgedVenueCode(TestContext ctx) {
        VirtualMember visitors = VirtualFederation.of(ctx).active();
        VirtualMember venues = VirtualFederation.fresh(ctx, null);
        VirtualFederation.takesVenueScans(ctx, venues);
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(venues.identity().key().kid());
        String code = venues.venueCode(VID, NAME, Instant.now(), Duration.ofDays(30), forger);
        ctx.counterpart().server().forgetReceived();

        HubCalls.venueScan(ctx, visitors, code, visitor(), now(), "ENTRY").send()
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-VENUE-1: a venue code is verified with its"
                        + " platform's keys as strictly as a dynamic code");
        expectNothingReached(ctx, venues, "a scan of a forged venue code");
    }

    /** A visitor no earlier run reported: the hub keeps scans by report, so a reused one would not be delivered. */
    private static String visitor() {
        return VirtualMember.subject("visitor " + UUID.randomUUID());
    }

    /** Now, to the second: a scan's time as a visitor's app reports it. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The deliveries to {@code venues}, once there are {@code count} or {@link #DELIVERY_WAIT} has passed. */
    private static List<ReceivedRequest> awaitDeliveries(TestContext ctx, VirtualMember venues, int count) {
        Instant until = Instant.now().plus(DELIVERY_WAIT);
        List<ReceivedRequest> delivered = ctx.counterpart().server().received("POST", venues.apiPath("venue-scans"));
        while (delivered.size() < count && Instant.now().isBefore(until)) {
            sleep(Duration.ofMillis(100));
            delivered = ctx.counterpart().server().received("POST", venues.apiPath("venue-scans"));
        }
        return VirtualFederation.venueScansReceived(ctx, venues);
    }

    /** A delivered venue scan record of {@code scanId}, in the contract's shape, named in {@code Ymt-Scan-Id} too. */
    private static JsonNode expectRecord(ReceivedRequest delivery, String scanId) {
        JsonNode record;
        try {
            record = StrictJson.read(delivery.body());
        } catch (IOException e) {
            throw Check.fail("REQ-VENUE-2: the delivered venue scan is not a JSON object: " + e.getMessage());
        }
        ContractSchemas.expectValid(RECORD_SCHEMA, record, "REQ-VENUE-2: the delivered venue scan record");
        Check.equal(scanId, record.path("scanId").asText(), "scanId of the delivered record",
                "REQ-VENUE-2: delivered under the scanId the visitor's platform was given");
        Check.equal(scanId, delivery.header(SCAN_ID_HEADER), SCAN_ID_HEADER + " of the delivery",
                "REQ-VENUE-2: the scan id travels in the header too, the platform's idempotency key");
        return record;
    }

    /**
     * Nothing reached the venue's platform after a refusal: no delivery and no verification (so neither was the
     * refused code passed on).
     */
    private static void expectNothingReached(TestContext ctx, VirtualMember venues, String what) {
        sleep(QUIET);
        Check.equal(0, VirtualFederation.venueScansReceived(ctx, venues).size(), "venue scans delivered for " + what,
                "REQ-VENUE-2: a scan the hub refused is never delivered");
        Check.equal(0, HubVerificationTests.received(ctx, venues).size(), "verifications sent to the venue's"
                + " platform for " + what, "REQ-CODE-1: a refused code never leaves the hub");
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Check.fail("REQ-VENUE-2: the delivered record's at is no date-time: " + text);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Check.fail("the run was interrupted");
        }
    }
}

package org.yimatong.conformance.plans.member;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Visits to the member's venues delivered by its hub ({@code POST /member/v1/venue-scans}, REQ-VENUE-2): taken with
 * 204, kept once per {@code scanId} however often the hub redelivers, and a malformed record refused. For members
 * that post venue codes ({@code fixtures.venues}); the others skip, saying so.
 */
public final class VenueScanTests {

    static final String VENUE_SCANS = "/member/v1/venue-scans";

    @Conformance(id = "YMT-VEN-001", title = "A visit to one of the member's venues is taken: 204",
            requirements = { "REQ-VENUE-2" })
    public void visitIsTaken(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String vid = fixtures.venueId();
        VenueScanRecord record = record(vid, pseudonym());

        deliver(ctx, record).expectStatus(204, "REQ-VENUE-2: the platform answers 204 once the visit is stored");

        Check.that(fixtures.visitScanIds(vid).contains(record.scanId()),
                "REQ-VENUE-2: the visit " + record.scanId() + " is kept at venue " + vid);
    }

    @Conformance(id = "YMT-VEN-002",
            title = "A redelivered visit (same scanId) is answered 204 again and kept once",
            requirements = { "REQ-VENUE-2" })
    public void redeliveryIsKeptOnce(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String vid = fixtures.venueId();
        VenueScanRecord record = record(vid, pseudonym());

        deliver(ctx, record).expectStatus(204, "REQ-VENUE-2: the first delivery is stored");
        deliver(ctx, record).expectStatus(204, "REQ-VENUE-2: a repeat of a scanId is answered 204 again");
        deliver(ctx, record).expectStatus(204, "REQ-VENUE-2: a repeat of a scanId is answered 204 again");

        List<String> kept = fixtures.visitScanIds(vid);
        Check.equal(1, Collections.frequency(kept, record.scanId()), "times visit " + record.scanId() + " is kept",
                "REQ-VENUE-2");
    }

    @Conformance(id = "YMT-VEN-003",
            title = "A visit whose subject is an ID number, not a pseudonym, is refused 400 validation-failed",
            requirements = { "REQ-VENUE-2", "REQ-ERR-1" }, negative = true)
    public void malformedVisitIsRefused(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String vid = fixtures.venueId();
        VenueScanRecord record = record(vid, SyntheticIdNumbers.fresh());

        JsonNode problem = deliver(ctx, record).expectProblem(ProblemType.VALIDATION_FAILED,
                "REQ-VENUE-2: a visitor is a list pseudonym, 64 lower-case hex");

        Check.that(problem.path("errors").toString().contains("/subject"),
                "REQ-ERR-1: errors[] must name /subject, got " + problem.path("errors"));
        Check.that(!fixtures.visitScanIds(vid).contains(record.scanId()),
                "REQ-VENUE-2: a refused visit is not kept");
    }

    @Conformance(id = "YMT-VEN-004", title = "A visit to a venue the member does not have is refused 404 not-found",
            requirements = { "REQ-VENUE-2" }, negative = true)
    public void visitToUnknownVenueIsRefused(TestContext ctx) {
        MemberFixtures.of(ctx).venueId();

        deliver(ctx, record("conformance-no-such-venue", pseudonym())).expectProblem(ProblemType.NOT_FOUND,
                "REQ-VENUE-2: the hub stops redelivering a visit the platform refuses for good");
    }

    private static HttpAnswer deliver(TestContext ctx, VenueScanRecord record) {
        return MemberCalls.fromHub(ctx, VENUE_SCANS).header("Ymt-Scan-Id", record.scanId()).json(record).send();
    }

    private static VenueScanRecord record(String vid, String subject) {
        return new VenueScanRecord("conformance-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                vid, subject, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60), ScanDirection.ENTRY,
                "ymt:member:conformance-visitor");
    }

    /** A visitor's list pseudonym from another platform: 64 random lower-case hex characters. */
    private static String pseudonym() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}

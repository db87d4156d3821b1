package org.yimatong.conformance.plans.member;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.DataDictionary;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The member's venues: the venue codes it posts (REQ-VENUE-1: a {@code ymt-venue+jwt} signed with its published keys,
 * with the claim rules), and the visits to them its hub delivers ({@code POST /member/v1/venue-scans}, REQ-VENUE-2):
 * taken with 204, kept once per {@code scanId} however often the hub redelivers, and a malformed record refused. For
 * members that post venue codes ({@code fixtures.venues}); the others skip, saying so.
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

    @Conformance(id = "YMT-VEN-005",
            title = "Every venue code the member posts is a ymt-venue+jwt of the member, signed with its published keys,"
                    + " knd of the dictionary, nam present, exp at most 365 days after iat",
            requirements = { "REQ-VENUE-1", "REQ-KEY-1" })
    public void postedVenueCodesKeepTheClaimRules(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        List<MemberFixtures.Venue> venues = fixtures.venues();
        JwkSet keys = Published.keySet(ctx);
        Set<String> kinds = new HashSet<>();
        DataDictionary.read("venue-kinds").path("entries").forEach(k -> kinds.add(k.path("name").asText()));
        String province = fixtures.region().substring(0, 2);
        Instant now = Instant.now();

        for (MemberFixtures.Venue venue : venues) {
            String about = "venue " + venue.vid() + ": ";
            Check.that(venue.venueCode() != null, "fixture API: GET /venues gives no venueCode for " + venue.vid());
            ParsedJws jws;
            try {
                jws = ParsedJws.parseCompact(venue.venueCode());
            } catch (JoseException e) {
                throw Check.fail("REQ-VENUE-1: " + about + "the venue code is no compact JWS (" + e.getMessage()
                        + ")");
            }
            Check.that(jws.header().typIs(VenueCodeCodec.TYP), "REQ-VENUE-1: " + about + "typ is "
                    + VenueCodeCodec.TYP + ", got " + jws.header().typ());
            // knd read from the payload as sent, against the dictionary file (not the enum a decoder maps it to)
            String knd;
            try {
                knd = StrictJson.read(jws.payload()).path("knd").asText(null);
            } catch (IOException e) {
                throw Check.fail("REQ-VENUE-1: " + about + "the venue code's payload is no JSON (" + e.getMessage()
                        + ")");
            }
            Check.that(kinds.contains(knd), "REQ-VENUE-1: " + about + "knd is a venue kind of the data dictionary "
                    + kinds + ", got " + knd);
            VenueClaims claims;
            try {
                // signature with the member's published keys, then the claim rules and the times
                claims = new VenueCodeCodec().verify(venue.venueCode(), keys, now);
            } catch (JoseException e) {
                throw Check.fail("REQ-VENUE-1: " + about + "the venue code does not verify with the member's published"
                        + " keys and the claim rules (" + e.type().slug() + ": " + e.getMessage() + ")"
                        + (e.errors().isEmpty() ? "" : " " + e.errors()));
            }
            Check.equal(ctx.targetEntityId(), claims.iss(), "iss", "REQ-VENUE-1: " + about
                    + "signed by the venue's platform");
            Check.equal(venue.vid(), claims.vid(), "vid", "REQ-VENUE-1: " + about + "the code names its venue");
            // verify() already refused a code whose rgn is not 6 digits, whose nam is blank or over
            // VenueClaims.MAX_NAME characters, or whose exp is before iat or over MAX_LIFETIME after it
            Check.that(claims.rgn().startsWith(province), "REQ-VENUE-1: " + about
                    + "rgn is a region code of the member's province " + province + ", got " + claims.rgn());
            Check.equal(venue.rgn(), claims.rgn(), "rgn", "REQ-VENUE-1: " + about
                    + "the code shows the venue's region");
            Check.equal(venue.nam(), claims.nam(), "nam", "REQ-VENUE-1: " + about + "the code shows the venue's name");
            Check.equal(venue.knd(), knd, "knd", "REQ-VENUE-1: " + about + "the code shows the venue's kind");
            Duration lifetime = Duration.between(claims.iat(), claims.exp());
            ctx.note(about + claims.knd() + " " + claims.rgn() + ", signed with " + jws.header().alg() + " key "
                    + jws.header().kid() + ", valid " + lifetime.toDays() + " days");
        }
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

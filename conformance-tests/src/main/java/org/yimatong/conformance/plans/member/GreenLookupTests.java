package org.yimatong.conformance.plans.member;

import java.util.Map;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /member/v1/green-lookups}: the home platform answers live for a pseudonymous subject
 * ({@code HMAC-SM3(listKey, idNumber)} in hex), never for an ID number.
 */
public final class GreenLookupTests {

    @Conformance(id = "YMT-GRN-001", title = "A listed RED subject is answered RED, live, reason LISTED",
            requirements = { "REQ-GREEN-1", "REQ-LIST-1" })
    public void redSubjectIsAnsweredRed(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        MemberFixtures.Resident red = fixtures.listedResidentOf(Colour.RED);
        JsonNode answer = lookup(ctx, red.listSub(), fixtures.region());
        Answers.expectLive(answer, VerificationStatus.RED, ctx.targetEntityId(),
                "REQ-GREEN-1: a RED subject's live lookup answers RED");
        Check.equal("LISTED", answer.path("reason").asText(), "reason", "REQ-GREEN-1: a listed subject");
    }

    @Conformance(id = "YMT-GRN-002", title = "A GREEN subject is answered GREEN, live",
            requirements = { "REQ-GREEN-1", "REQ-LIST-1" })
    public void greenSubjectIsAnsweredGreen(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        MemberFixtures.Resident green = fixtures.listedResidentOf(Colour.GREEN);
        Answers.expectLive(lookup(ctx, green.listSub(), fixtures.region()), VerificationStatus.GREEN,
                ctx.targetEntityId(), "REQ-GREEN-1: a GREEN subject's live lookup answers GREEN");
    }

    @Conformance(id = "YMT-GRN-003", title = "A lookup by a plaintext ID number is refused 400 validation-failed",
            requirements = { "REQ-LIST-1", "REQ-PRIV-1", "REQ-CRYPTO-2" }, negative = true)
    public void idNumberAsSubjectIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.GREEN_LOOKUPS)
                .json(new GreenLookupRequest(SyntheticIdNumbers.fresh(), MemberFixtures.of(ctx).region(), true)).send()
                .expectProblem(ProblemType.VALIDATION_FAILED,
                        "REQ-LIST-1: subjects are HMAC-SM3 pseudonyms in hex, never ID numbers");
    }

    @Conformance(id = "YMT-GRN-004", title = "An unknown pseudonym is answered UNKNOWN with reason NOT_FOUND_AT_HOME",
            requirements = { "REQ-GREEN-1" }, negative = true)
    public void unknownSubjectIsUnknown(TestContext ctx) {
        String nobody = "0".repeat(63) + "1";
        JsonNode answer = lookup(ctx, nobody, MemberFixtures.of(ctx).region());
        Check.equal("UNKNOWN", answer.path("status").asText(), "status",
                "REQ-GREEN-1: a subject the home does not know is neither GREEN nor listed");
        Check.equal("NOT_FOUND_AT_HOME", answer.path("reason").asText(), "reason", "REQ-GREEN-1");
    }

    @Conformance(id = "YMT-GRN-005", title = "A lookup without rgn is refused 400 validation-failed naming /rgn",
            requirements = { "REQ-GREEN-1", "REQ-ERR-1" }, negative = true)
    public void missingRegionIsRefused(TestContext ctx) {
        JsonNode problem = MemberCalls.fromHub(ctx, MemberCalls.GREEN_LOOKUPS)
                .json(Map.of("sub", "0".repeat(64))).send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-GREEN-1: sub and rgn are required");
        Check.that(problem.path("errors").toString().contains("/rgn"),
                "REQ-ERR-1: errors[] must name /rgn, got " + problem.path("errors"));
    }

    private static JsonNode lookup(TestContext ctx, String sub, String region) {
        return MemberCalls.fromHub(ctx, MemberCalls.GREEN_LOOKUPS).json(new GreenLookupRequest(sub, region, true))
                .send().expectJson(200, "green-lookup-result.json", "REQ-GREEN-1: a green lookup answer");
    }
}

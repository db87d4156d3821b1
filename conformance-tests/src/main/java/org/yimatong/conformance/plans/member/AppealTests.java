package org.yimatong.conformance.plans.member;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpCall;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** Appeal intake at the home platform ({@code POST /member/v1/appeals}, REQ-APL-1). */
public final class AppealTests {

    @Conformance(id = "YMT-APL-001",
            title = "An appeal for a listed subject is taken in: 202 with the member's homeReference",
            requirements = { "REQ-APL-1" })
    public void appealIsTakenIn(TestContext ctx) {
        JsonNode ack = appeal(ctx, "conformance-appeal-1", request(ctx, "The listing ended last week."))
                .send().expectJson(202, "appeal-acknowledgement.json", "REQ-APL-1: the home acknowledges an appeal");
        Check.that(!ack.path("homeReference").asText().isEmpty(), "REQ-APL-1: the home gives its own reference");
        ctx.note("homeReference " + ack.path("homeReference").asText());
    }

    @Conformance(id = "YMT-APL-002", title = "An appeal without Ymt-Appeal-Id is refused 400 validation-failed",
            requirements = { "REQ-APL-1", "REQ-ERR-1" }, negative = true)
    public void appealWithoutHubIdIsRefused(TestContext ctx) {
        appeal(ctx, null, request(ctx, "No id.")).send().expectProblem(ProblemType.VALIDATION_FAILED,
                "REQ-APL-1: the hub's appeal id is required for the decision callback");
    }

    @Conformance(id = "YMT-APL-003",
            title = "An appeal for a subject the member does not know is refused 404 not-found",
            requirements = { "REQ-APL-1" }, negative = true)
    public void appealForUnknownSubjectIsRefused(TestContext ctx) {
        AppealRequest unknown = new AppealRequest("0".repeat(63) + "1", MemberFixtures.of(ctx).region(),
                AppealGround.WRONG_LISTING, "Not listed here.", null);
        appeal(ctx, "conformance-appeal-3", unknown).send().expectProblem(ProblemType.NOT_FOUND,
                "REQ-APL-1: the home refuses an appeal about a subject it does not hold");
    }

    @Conformance(id = "YMT-PRIV-002",
            title = "An appeal statement carrying an ID number is refused 400 validation-failed",
            requirements = { "REQ-PRIV-1", "REQ-APL-1" }, negative = true)
    public void idNumberInStatementIsRefused(TestContext ctx) {
        JsonNode problem = appeal(ctx, "conformance-appeal-4",
                request(ctx, "My number is " + SyntheticIdNumbers.fresh() + ", please check.")).send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-PRIV-1: free text refuses ID numbers");
        Check.that(problem.path("errors").toString().contains("/statement"),
                "REQ-ERR-1: errors[] must name /statement, got " + problem.path("errors"));
    }

    private static AppealRequest request(TestContext ctx, String statement) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        return new AppealRequest(fixtures.listedResidentOf(Colour.RED).listSub(), fixtures.region(),
                AppealGround.LISTING_EXPIRED, statement, null);
    }

    private static HttpCall appeal(TestContext ctx, String appealId, AppealRequest body) {
        HttpCall call = MemberCalls.fromHub(ctx, MemberCalls.APPEALS).json(body);
        return appealId == null ? call : call.header("Ymt-Appeal-Id", appealId);
    }
}

package org.yimatong.conformance.plans.member;

import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The routing headers (DESIGN.md §1, REQ-TOPO-3): {@code Ymt-Path} naming the member is a loop (508);
 * {@code Ymt-Hop} out of range is a bad request; the last hop ({@code Ymt-Hop: 0}) still reaches the home platform,
 * because it need not forward.
 */
public final class RoutingTests {

    @Conformance(id = "YMT-LOOP-001",
            title = "A request whose Ymt-Path already names the member is refused 508 loop-detected",
            requirements = { "REQ-TOPO-3", "REQ-ERR-1" }, negative = true)
    public void ownIdInPathIsALoop(TestContext ctx) {
        String code = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        ctx.http().post(MemberCalls.VERIFICATIONS).header("Ymt-Hop", "5")
                .header("Ymt-Path", ctx.targetEntityId() + "," + ctx.counterpart().self().entityId())
                .withClientAssertion().json(MemberCalls.verificationOf(code)).send()
                .expectProblem(ProblemType.LOOP_DETECTED, "REQ-TOPO-3: a node that finds itself in Ymt-Path refuses");
    }

    @Conformance(id = "YMT-LOOP-002", title = "A Ymt-Hop outside 0..8 is refused 400 validation-failed",
            requirements = { "REQ-TOPO-3", "REQ-ERR-1" }, negative = true)
    public void hopOutOfRangeIsRefused(TestContext ctx) {
        String code = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        ctx.http().post(MemberCalls.VERIFICATIONS).header("Ymt-Hop", "9")
                .header("Ymt-Path", ctx.counterpart().self().entityId()).withClientAssertion()
                .json(MemberCalls.verificationOf(code)).send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-TOPO-3: Ymt-Hop is at most 8");
    }

    @Conformance(id = "YMT-LOOP-003",
            title = "The home platform answers a request arriving with Ymt-Hop 0 (it need not forward) and a long Ymt-Path",
            requirements = { "REQ-TOPO-3", "REQ-VER-1" })
    public void lastHopStillReachesTheHome(TestContext ctx) {
        String code = MemberFixtures.of(ctx).freshCode(Colour.YELLOW).code();
        JsonNode answer = ctx.http().post(MemberCalls.VERIFICATIONS).header("Ymt-Hop", "0")
                .header("Ymt-Path", "ymt:member:620000,ymt:hub:national," + ctx.counterpart().self().entityId())
                .withClientAssertion().json(MemberCalls.verificationOf(code)).send()
                .expectJson(200, "verification-result.json", "REQ-TOPO-3: only a node that must forward refuses hop 0");
        Answers.expectLive(answer, VerificationStatus.YELLOW, ctx.targetEntityId(), "REQ-VER-1");
    }
}

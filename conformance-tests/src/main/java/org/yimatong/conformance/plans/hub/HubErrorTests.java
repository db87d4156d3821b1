package org.yimatong.conformance.plans.hub;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** Refusals are RFC 9457 problem documents everywhere, with stable types (REQ-ERR-1). */
public final class HubErrorTests {

    @Conformance(id = "YMT-HERR-001",
            title = "A body that is not JSON is refused with malformed-request as problem+json",
            requirements = { "REQ-ERR-1" }, negative = true)
    public void malformedJson(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        HubCalls.asMember(ctx, member, ctx.http().post("/v1/verifications")).json("{\"code\": ").send()
                .expectProblem(ProblemType.MALFORMED_REQUEST, "REQ-ERR-1: a malformed body is a problem document");
    }

    @Conformance(id = "YMT-HERR-002", title = "A request missing required fields names each one in errors[]",
            requirements = { "REQ-ERR-1", "REQ-VER-1" }, negative = true)
    public void everyFieldErrorNamed(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        JsonNode problem = HubCalls.asMember(ctx, member, ctx.http().post("/v1/verifications")).json("{}").send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-ERR-1: an incomplete request is validation-failed");
        Check.that(problem.path("errors").size() >= 2,
                "REQ-ERR-1: every missing field (code, checkpoint, purpose) is in errors[]; got " + problem.path(
                        "errors"));
    }

    @Conformance(id = "YMT-HERR-003", title = "An unknown path is a not-found problem, not an HTML page",
            requirements = { "REQ-ERR-1" }, negative = true)
    public void unknownPath(TestContext ctx) {
        ctx.http().get("/v1/conformance-no-such-resource").send()
                .expectProblem(ProblemType.NOT_FOUND, "REQ-ERR-1: even an unknown path answers a problem document");
    }
}

package org.yimatong.conformance.plans.hub;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** The member registry as operators and other members see it. */
public final class HubRegistryTests {

    @Conformance(id = "YMT-HREG-001",
            title = "An onboarded member is listed publicly without its base URL or certificate",
            requirements = { "REQ-REG-1", "REQ-TOPO-1" })
    public void publicView(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        JsonNode view = ctx.http().get("/v1/members/" + member.entityId()).send()
                .expectJson(200, "member-public.json", "REQ-REG-1: GET /v1/members/{id} shows an onboarded member");
        Check.equal(member.entityId(), view.path("entityId").asText(), "entityId", "REQ-REG-1");
        Check.equal("ACTIVE", view.path("status").asText(), "status", "REQ-REG-1");
        Check.that(!view.has("baseUrl") && !view.has("tlsCertSha256"), "REQ-TOPO-1: provinces never call each"
                + " other, so the public view hides a member's base URL and certificate");
    }

    @Conformance(id = "YMT-HREG-002", title = "The admin API refuses a call without the admin token",
            requirements = { "REQ-REG-1", "REQ-ERR-1" }, negative = true)
    public void adminNeedsToken(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        ctx.http().get("/v1/admin/members/" + member.entityId()).send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-REG-1: only operators read full member records");
        ctx.http().request("PUT", "/v1/admin/members/" + member.entityId())
                .header("Authorization", "Bearer not-the-admin-token").json("{}").send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-REG-1: only operators onboard members");
    }

    @Conformance(id = "YMT-HREG-003", title = "An unknown member is a not-found problem",
            requirements = { "REQ-ERR-1" }, negative = true)
    public void unknownMember(TestContext ctx) {
        ctx.http().get("/v1/members/ymt:member:conformance-nobody").send()
                .expectProblem(ProblemType.NOT_FOUND, "REQ-ERR-1: an unknown member is 404 not-found");
    }
}

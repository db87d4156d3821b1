package org.yimatong.conformance.plans.hub;

import java.util.List;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Appeals routed to the home platform and tracked by the hub (REQ-APL-1). */
public final class HubAppealTests {

    @Conformance(id = "YMT-HAPL-001",
            title = "An appeal goes to the subject's home platform and is tracked with the home's reference",
            requirements = { "REQ-APL-1" })
    public void appealReachesTheHome(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        ctx.counterpart().server().forgetReceived();

        JsonNode appeal = file(ctx, home, "Listing ended last week; still shown red.")
                .expectJson(201, "appeal.json", "REQ-APL-1: an appeal is filed");
        List<ReceivedRequest> forwarded = ctx.counterpart().server().received("POST", home.apiPath("appeals"));
        forwarded.forEach(call -> ctx.http().note(call.recorded()));
        Check.equal(1, forwarded.size(), "appeals received by the home", "REQ-APL-1: routed to the home platform");
        Check.equal("conformance-appeal-1", appeal.path("homeReference").asText(), "homeReference",
                "REQ-APL-1: the hub keeps the home's own reference");

        JsonNode tracked = HubCalls.asMember(ctx, home, ctx.http().get("/v1/appeals/" + appeal.path("id").asText()))
                .send().expectJson(200, "appeal.json", "REQ-APL-1: the hub tracks the appeal's state");
        Check.equal(appeal.path("state").asText(), tracked.path("state").asText(), "state", "REQ-APL-1");
    }

    @Conformance(id = "YMT-HAPL-002",
            title = "An appeal whose statement holds an ID number is refused and never forwarded",
            requirements = { "REQ-APL-1", "REQ-PRIV-1" }, negative = true)
    public void idNumberInStatementIsRefused(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        ctx.counterpart().server().forgetReceived();

        file(ctx, home, "my number is " + SyntheticIdNumbers.fresh())
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-PRIV-1: free text refuses ID-number-like strings");
        Check.equal(0, ctx.counterpart().server().received("POST", home.apiPath("appeals")).size(),
                "appeals received by the home", "REQ-PRIV-1: the refused appeal never leaves the hub");
    }

    private static HttpAnswer file(TestContext ctx, VirtualMember home, String statement) {
        ObjectNode request = JsonNodeFactory.instance.objectNode()
                .put("sub", VirtualMember.subject("appellant")).put("rgn", home.regionCode())
                .put("ground", "LISTING_EXPIRED").put("statement", statement);
        return HubCalls.asMember(ctx, home, ctx.http().post("/v1/appeals")).json(request).send();
    }
}

package org.yimatong.conformance.plans.hub;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.http.HttpCall;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Green lookups by pseudonymous subject, answered from list state (REQ-GREEN-1). */
public final class HubGreenLookupTests {

    @Conformance(id = "YMT-HGRN-001",
            title = "A listed subject is answered with its list colour; an unlisted one GREEN",
            requirements = { "REQ-GREEN-1", "REQ-LIST-2" })
    public void listStateAnswers(TestContext ctx) {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();

        JsonNode listed = lookup(ctx, member, batch.red().sub(), member.regionCode())
                .send().expectJson(200, "green-lookup-result.json", "REQ-GREEN-1: a green lookup is answered");
        Check.equal("RED", listed.path("status").asText(), "status of a subject listed RED",
                "REQ-GREEN-1: list state answers the lookup");
        JsonNode unlisted = lookup(ctx, member, ListedBatch.UNLISTED, member.regionCode())
                .send().expectJson(200, "green-lookup-result.json", "REQ-GREEN-1: a green lookup is answered");
        Check.equal("GREEN", unlisted.path("status").asText(), "status of a subject never listed", "REQ-GREEN-1");
    }

    @Conformance(id = "YMT-HGRN-002",
            title = "A lookup by something that is not a pseudonym (an ID number) is refused without echoing it",
            requirements = { "REQ-PRIV-1", "REQ-LIST-1", "REQ-GREEN-1" }, negative = true)
    public void idNumberIsNeverTakenOrEchoed(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        String idNumber = SyntheticIdNumbers.fresh();

        HttpAnswer answer = lookup(ctx, member, idNumber, member.regionCode()).send();
        answer.expectProblem(ProblemType.VALIDATION_FAILED, "REQ-LIST-1: subjects are HMAC-SM3 pseudonyms only");
        Check.that(!answer.text().contains(idNumber), "REQ-PRIV-1: no answer repeats an ID number");
    }

    static HttpCall lookup(TestContext ctx, VirtualMember caller, String sub, String rgn) {
        return HubCalls.asMember(ctx, caller, ctx.http().post("/v1/green-lookups"))
                .json(JsonNodeFactory.instance.objectNode().put("sub", sub).put("rgn", rgn));
    }
}

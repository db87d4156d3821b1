package org.yimatong.conformance.plans.hub;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** The audit trail as a member reads it (REQ-AUD-1). */
public final class HubAuditTests {

    @Conformance(id = "YMT-HAUD-001", title = "A member reads the audit event of its own verification",
            requirements = { "REQ-AUD-1" })
    public void ownEventsOnly(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember member = federation.active();
        String code = member.code(Colour.GREEN);
        String jti = new DynamicCodeCodec().decode(code).jti();
        HubCalls.verification(ctx, member, code).send().expectStatus(200, "REQ-VER-1: a verification is answered");

        JsonNode own = events(ctx, member, jti);
        Check.equal(1, own.path("events").size(), "audit events of the verification",
                "REQ-AUD-1: each cross-region request is one audit event the member can read");
        JsonNode event = own.path("events").get(0);
        Check.equal(member.entityId(), event.path("actor").asText(), "actor", "REQ-AUD-1");
        Check.equal("VERIFICATION", event.path("action").asText(), "action", "REQ-AUD-1");
    }

    @Conformance(id = "YMT-HAUD-002",
            title = "Another member does not see a member's audit events, and nobody reads them unauthenticated",
            requirements = { "REQ-AUD-1", "REQ-PRIV-1" }, negative = true)
    public void othersEventsStayHidden(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember member = federation.active();
        String code = member.code(Colour.GREEN);
        String jti = new DynamicCodeCodec().decode(code).jti();
        HubCalls.verification(ctx, member, code).send().expectStatus(200, "REQ-VER-1: a verification is answered");

        JsonNode others = events(ctx, federation.childHub(), jti);
        Check.equal(0, others.path("events").size(), "events another member sees of it",
                "REQ-AUD-1: a member reads only events about its own requests and subjects");
        ctx.http().get("/v1/audit?target=" + jti).send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-AUD-1: audit events are for authenticated members");
    }

    private static JsonNode events(TestContext ctx, VirtualMember reader, String target) {
        return HubCalls.asMember(ctx, reader, ctx.http().get("/v1/audit?target=" + target)).send()
                .expectJson(200, "audit-page.json", "REQ-AUD-1: GET /v1/audit answers a page");
    }
}

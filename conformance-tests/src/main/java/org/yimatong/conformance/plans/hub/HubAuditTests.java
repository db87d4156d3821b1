package org.yimatong.conformance.plans.hub;

import java.util.UUID;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** The audit trail as a member reads it (REQ-AUD-1), and who looked at a person as their home reads it (REQ-AUD-3). */
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

    @Conformance(id = "YMT-HAUD-003",
            title = "A person's home platform reads who looked at them: the checkpoint that verified their code",
            requirements = { "REQ-AUD-3", "REQ-AUD-1" })
    public void homeSeesWhoLooked(TestContext ctx) {
        Looked looked = looked(ctx);

        JsonNode page = HubCalls.asMember(ctx, looked.home(), ctx.http().get("/v1/audit/subjects/" + looked.listSub()))
                .send().expectJson(200, "subject-access-page.json",
                        "REQ-AUD-3: GET /v1/audit/subjects/{listSub} answers the person's home with a page");
        // the pseudonym was drawn for this test alone, so the one verification is the person's whole log
        Check.equal(1, page.path("accesses").size(), "looks at a person verified once",
                "REQ-AUD-3: every event whose target is the person, and nothing else");
        JsonNode access = page.path("accesses").get(0);
        Check.equal(looked.checkpoint().entityId(), access.path("by").asText(), "by",
                "REQ-AUD-3: who looked is where the request began, the checkpoint");
        Check.equal("VERIFICATION", access.path("action").asText(), "action", "REQ-AUD-3");
        Check.equal("entry", access.path("purpose").asText(), "purpose", "REQ-AUD-3: the purpose the checkpoint gave");
        Check.that(access.hasNonNull("at"), "REQ-AUD-3: when the person was looked at");
    }

    @Conformance(id = "YMT-HAUD-004",
            title = "Nobody but the home reads who looked at a person, not even the checkpoint; a malformed listSub"
                    + " is refused",
            requirements = { "REQ-AUD-3", "REQ-PRIV-1", "REQ-ERR-1" }, negative = true)
    public void onlyTheHomeSeesWhoLooked(TestContext ctx) {
        Looked looked = looked(ctx);

        HubCalls.asMember(ctx, looked.checkpoint(), ctx.http().get("/v1/audit/subjects/" + looked.listSub())).send()
                .expectProblem(ProblemType.NOT_FOUND, "REQ-AUD-3: for anyone but the person's home platform, even the"
                        + " checkpoint that looked, the person's log does not exist");
        HubCalls.asMember(ctx, looked.home(), ctx.http().get("/v1/audit/subjects/"
                + looked.listSub().toUpperCase())).send().expectProblem(ProblemType.VALIDATION_FAILED,
                        "REQ-AUD-3: a listSub is 64 lower-case hex characters");
        ctx.http().get("/v1/audit/subjects/" + looked.listSub()).send().expectProblem(ProblemType.UNAUTHENTICATED,
                "REQ-AUD-3: the log is for the authenticated home platform only");
    }

    /** A person of a home platform of this test alone, verified once, live, by the active member's checkpoint. */
    private record Looked(VirtualMember home, VirtualMember checkpoint, String listSub) {}

    private static Looked looked(TestContext ctx) {
        VirtualMember checkpoint = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, null);
        // a pseudonym nobody used before: earlier runs against the same hub left looks at the member's usual one
        String listSub = VirtualMember.subject("who looked at " + home.entityId() + " " + UUID.randomUUID());
        VirtualFederation.answersLive(ctx, home, "GREEN", listSub);
        JsonNode answer = HubCalls.verification(ctx, checkpoint, home.code(Colour.GREEN)).send()
                .expectJson(200, "verification-result.json", "REQ-VER-1: a verification is answered");
        Check.equal("LIVE", answer.path("source").asText(), "source",
                "REQ-VER-2: the home answered for the person live, so it is their home");
        return new Looked(home, checkpoint, listSub);
    }

    private static JsonNode events(TestContext ctx, VirtualMember reader, String target) {
        return HubCalls.asMember(ctx, reader, ctx.http().get("/v1/audit?target=" + target)).send()
                .expectJson(200, "audit-page.json", "REQ-AUD-1: GET /v1/audit answers a page");
    }
}

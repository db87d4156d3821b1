package org.yimatong.conformance.plans.hub;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** Routing through the tree (REQ-TOPO-1..3): down to a child hub, up to the parent, and never in a loop. */
public final class HubRoutingTests {

    static final String HOP = "Ymt-Hop";
    static final String PATH = "Ymt-Path";

    @Conformance(id = "YMT-HTOPO-001",
            title = "A child hub's request whose Ymt-Path already holds the hub is refused with 508 loop-detected",
            requirements = { "REQ-TOPO-3", "REQ-TOPO-2" }, negative = true)
    public void ownIdInPathIsALoop(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember childHub = federation.childHub();
        VirtualMember home = federation.active();
        HubCalls.verification(ctx, childHub, home.code(Colour.GREEN))
                .header(PATH, ctx.targetEntityId() + "," + childHub.entityId()).header(HOP, "6").send()
                .expectProblem(ProblemType.LOOP_DETECTED, "REQ-TOPO-3: a hub refuses a request that already passed it,"
                        + " from a child hub as from any member (REQ-TOPO-2)");
    }

    @Conformance(id = "YMT-HTOPO-002",
            title = "A request with no hop left that must go further is refused with 508 loop-detected",
            requirements = { "REQ-TOPO-3" }, negative = true)
    public void exhaustedHopsAreALoop(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        ctx.counterpart().server().forgetReceived();
        VirtualMember home = federation.active();
        HubCalls.verification(ctx, federation.active(), home.code(Colour.GREEN)).header(HOP, "0").send()
                .expectProblem(ProblemType.LOOP_DETECTED, "REQ-TOPO-3: no hop left, no forwarding");
        Check.equal(0, HubVerificationTests.received(ctx, home).size(), "calls to the home",
                "REQ-TOPO-3: a request without hops left is not forwarded");
    }

    @Conformance(id = "YMT-HTOPO-003",
            title = "A code of a child hub's region goes to that hub with Ymt-Hop decremented and Ymt-Path extended",
            requirements = { "REQ-TOPO-1", "REQ-TOPO-2", "REQ-TOPO-3" })
    public void childHubReceivesTheRequest(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember caller = federation.active();
        VirtualMember childHub = federation.childHub();
        VirtualMember grandchild = new VirtualMember(Identity.generate("ymt:member:" + childHub.regionCode(),
                SignatureProfile.SM2), MemberKind.PLATFORM, childHub.prefix(), "unused");
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, caller, grandchild.code(Colour.GREEN)).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-TOPO-2: the child hub's answer comes back");

        Check.equal("GREEN", result.path("status").asText(), "status", "REQ-TOPO-2: the child hub's answer is relayed");
        List<ReceivedRequest> forwarded = HubVerificationTests.received(ctx, childHub);
        Check.equal(1, forwarded.size(), "verifications forwarded to the child hub", "REQ-TOPO-1: routed by region");
        expectForwarded(ctx, forwarded.get(0), caller, childHub.entityId());
    }

    @Conformance(id = "YMT-HTOPO-004",
            title = "A code of a region outside the subtree goes to the parent with Ymt-Hop decremented and Ymt-Path extended",
            requirements = { "REQ-TOPO-1", "REQ-TOPO-2", "REQ-TOPO-3" })
    public void parentReceivesWhatIsOutsideTheSubtree(TestContext ctx) {
        HubSettings settings = HubSettings.of(ctx);
        if (settings.parentEntityId().isEmpty()) {
            ctx.skip("hub.parentEntityId is not configured: the hub's parent URL is not the suite's listener");
        }
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember caller = federation.active();
        String region = settings.outsideRegion();
        VirtualMember outsider = new VirtualMember(Identity.generate("ymt:member:" + region, SignatureProfile.SM2),
                MemberKind.PLATFORM, region, "unused");
        String parentPath = "/v1/verifications";
        ctx.counterpart().server().answer("POST", parentPath, 200, "application/json",
                VirtualFederation.liveAnswer(outsider, "GREEN"));
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, caller, outsider.code(Colour.GREEN, Instant.now(),
                Duration.ofSeconds(60), outsider.identity().key())).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-TOPO-1: the parent's answer comes back");

        Check.equal("GREEN", result.path("status").asText(), "status", "REQ-TOPO-1: the parent's answer is relayed");
        List<ReceivedRequest> forwarded = ctx.counterpart().server().received("POST", parentPath);
        forwarded.forEach(call -> ctx.http().note(call.recorded()));
        Check.equal(1, forwarded.size(), "verifications sent to the parent",
                "REQ-TOPO-1: a region outside the subtree goes to the parent");
        expectForwarded(ctx, forwarded.get(0), caller, settings.parentEntityId().get());
    }

    /** Ymt-Hop one less than the 8 a first hop means, Ymt-Path = caller then hub, the hub's assertion for the next hub. */
    private static void expectForwarded(TestContext ctx, ReceivedRequest forwarded, VirtualMember caller, String next) {
        Check.equal("7", forwarded.header(HOP), HOP + " of the forwarded request",
                "REQ-TOPO-3: a forwarding hub decrements Ymt-Hop (absent means 8)");
        Check.equal(caller.entityId() + "," + ctx.targetEntityId(), forwarded.header(PATH),
                PATH + " of the forwarded request", "REQ-TOPO-3: a forwarding hub appends itself to Ymt-Path");
        String assertion = forwarded.header(ClientAssertion.HEADER);
        Check.that(assertion != null, "REQ-TOPO-2: a hub calls another hub with its own client assertion");
        JsonNode claims = payload(assertion);
        Check.equal(ctx.targetEntityId(), claims.path("iss").asText(), "iss of the hub's client assertion",
                "REQ-AUTH-1");
        Check.equal(next, claims.path("aud").asText(), "aud of the hub's client assertion", "REQ-AUTH-1");
    }

    private static JsonNode payload(String compactJws) {
        try {
            return StrictJson.read(ParsedJws.parseCompact(compactJws).payload());
        } catch (IOException | RuntimeException e) {
            throw Check.fail("REQ-AUTH-1: the hub's client assertion is not a readable compact JWS");
        }
    }
}

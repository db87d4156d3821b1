package org.yimatong.conformance.plans.hub;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.dictionary.Colour;

/** Verification of a code routed live to its home platform, and what the hub answers when the home cannot. */
public final class HubVerificationTests {

    static final String SCHEMA = "verification-result.json";

    @Conformance(id = "YMT-HVER-001", title = "A member's code is verified live by its home: the home's answer, not the code's colour",
            requirements = { "REQ-VER-1", "REQ-VER-2", "REQ-CODE-2" })
    public void routedLiveToHome(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, home, home.code(Colour.GREEN)).send()
                .expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");

        Check.equal("YELLOW", result.path("status").asText(), "status",
                "REQ-VER-2: the home platform answered YELLOW live; the code's own GREEN must not win");
        Check.equal("LIVE", result.path("source").asText(), "source", "REQ-VER-2");
        Check.equal(home.entityId(), result.path("home").asText(), "home", "REQ-VER-1");
        Check.equal(1, received(ctx, home).size(), "calls to the home's member API", "REQ-VER-1: routed to the home");
    }

    @Conformance(id = "YMT-HVER-002", title = "A home that is down gives UNKNOWN / HOME_UNAVAILABLE in time, never RED",
            requirements = { "REQ-VER-4" }, negative = true)
    public void downHomeIsUnknown(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).down();
        HttpAnswer answer = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), home.code(Colour.GREEN)).send();

        expectUnknownInTime(ctx, answer, "a home whose connection is reset");
    }

    @Conformance(id = "YMT-HVER-003", title = "A home slower than the answer budget gives UNKNOWN / HOME_UNAVAILABLE within the budget",
            requirements = { "REQ-VER-4", "REQ-VER-3" }, negative = true)
    public void slowHomeIsUnknownWithinBudget(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).slow();
        HttpAnswer answer = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), home.code(Colour.GREEN)).send();

        expectUnknownInTime(ctx, answer, "a home that answers only after four budgets");
    }

    @Conformance(id = "YMT-HVER-004", title = "A suspended member is never called; its code is UNKNOWN, never RED",
            requirements = { "REQ-REG-1", "REQ-VER-4" }, negative = true)
    public void suspendedHomeIsNeverCalled(TestContext ctx) {
        VirtualMember suspended = VirtualFederation.of(ctx).suspended();
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), suspended.code(Colour.GREEN))
                .send().expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");

        Check.equal("UNKNOWN", result.path("status").asText(), "status",
                "REQ-VER-4: a home that cannot be asked gives UNKNOWN (the suspended member would have said RED)");
        Check.equal(0, received(ctx, suspended).size(), "calls to the suspended member",
                "REQ-REG-1: a suspended member is never routed to");
    }

    private static void expectUnknownInTime(TestContext ctx, HttpAnswer answer, String home) {
        Duration budget = ctx.config().timeouts().answerBudget().plus(HubSettings.of(ctx).answerMargin());
        JsonNode result = answer.expectJson(200, SCHEMA, "REQ-VER-4: " + home + " still gets an answer");
        Check.equal("UNKNOWN", result.path("status").asText(), "status", "REQ-VER-4: " + home + " is never RED");
        Check.equal("HOME_UNAVAILABLE", result.path("reason").asText(), "reason", "REQ-VER-4");
        Check.that(answer.elapsed().compareTo(budget) <= 0, "REQ-VER-4: " + home + " must be answered within the"
                + " answer budget plus margin, " + budget.toMillis() + " ms; took " + answer.elapsed().toMillis() + " ms");
        ctx.note("answered UNKNOWN in " + answer.elapsed().toMillis() + " ms");
    }

    static List<ReceivedRequest> received(TestContext ctx, VirtualMember member) {
        List<ReceivedRequest> calls = ctx.counterpart().server().received("POST", member.apiPath("verifications"));
        calls.forEach(call -> ctx.http().note(call.recorded()));
        return calls;
    }
}

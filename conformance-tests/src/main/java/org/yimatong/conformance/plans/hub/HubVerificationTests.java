package org.yimatong.conformance.plans.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Verification of a code routed live to its home platform, what the hub answers when the home cannot, and the
 * subject's list pseudonym ({@code listSub}) of the home's live answer: merged by, passed to hubs, kept from
 * platforms and clients (REQ-VER-5).
 */
public final class HubVerificationTests {

    static final String SCHEMA = "verification-result.json";

    @Conformance(id = "YMT-HVER-001",
            title = "A member's code is verified live by its home: the home's answer, not the code's colour",
            requirements = { "REQ-VER-1", "REQ-VER-2" })
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

    @Conformance(id = "YMT-HVER-002",
            title = "A home that is down gives UNKNOWN / HOME_UNAVAILABLE, source NONE, in time, never RED",
            requirements = { "REQ-VER-4", "REQ-VER-5" }, negative = true)
    public void downHomeIsUnknown(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).down();
        HttpAnswer answer = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), home.code(Colour.GREEN))
                .send();

        expectUnknownInTime(ctx, answer, "a home whose connection is reset");
    }

    @Conformance(id = "YMT-HVER-003",
            title = "A home slower than the answer budget gives UNKNOWN / HOME_UNAVAILABLE, source NONE, within the budget",
            requirements = { "REQ-VER-4", "REQ-VER-3", "REQ-VER-5" }, negative = true)
    public void slowHomeIsUnknownWithinBudget(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).slow();
        HttpAnswer answer = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), home.code(Colour.GREEN))
                .send();

        expectUnknownInTime(ctx, answer, "a home that answers only after four budgets");
    }

    @Conformance(id = "YMT-HVER-004",
            title = "A suspended member is never called; its code is UNKNOWN, source NONE, never RED",
            requirements = { "REQ-REG-1", "REQ-VER-4", "REQ-VER-5" }, negative = true)
    public void suspendedHomeIsNeverCalled(TestContext ctx) {
        VirtualMember suspended = VirtualFederation.of(ctx).suspended();
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, VirtualFederation.of(ctx).active(), suspended.code(Colour.GREEN))
                .send().expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");

        Check.equal("UNKNOWN", result.path("status").asText(), "status",
                "REQ-VER-4: a home that cannot be asked gives UNKNOWN (the suspended member would have said RED)");
        Check.equal("NONE", result.path("source").asText(), "source",
                "REQ-VER-5: with no live answer, nothing answered for the code (source NONE, not SIGNED)");
        Check.equal(0, received(ctx, suspended).size(), "calls to the suspended member",
                "REQ-REG-1: a suspended member is never routed to");
    }

    @Conformance(id = "YMT-HVER-005",
            title = "The home's listSub never reaches a platform or a client, directly or through a child hub; a child hub asking gets it",
            requirements = { "REQ-VER-5", "REQ-PRIV-1" })
    public void listSubOnlyToHubs(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember home = federation.active();
        VirtualMember childHub = federation.childHub();
        VirtualMember client = VirtualFederation.client(ctx);

        JsonNode toPlatform = HubCalls.verification(ctx, home, home.code(Colour.GREEN)).send()
                .expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");
        expectLiveWithoutListSub(toPlatform, "YELLOW", "a platform, for a code of its home (whose live answer had"
                + " listSub)");
        VirtualMember grandchild = new VirtualMember(Identity.generate("ymt:member:" + childHub.regionCode(),
                SignatureProfile.SM2), MemberKind.PLATFORM, childHub.prefix(), "unused");
        JsonNode throughChild = HubCalls.verification(ctx, home, grandchild.code(Colour.GREEN)).send()
                .expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");
        expectLiveWithoutListSub(throughChild, "GREEN", "a platform, for a code answered through a child hub"
                + " (whose answer had listSub)");
        JsonNode toClient = HubCalls.verification(ctx, client, home, home.code(Colour.GREEN)).send()
                .expectJson(200, SCHEMA, "REQ-VER-1: a client's verification is answered");
        expectLiveWithoutListSub(toClient, "YELLOW", "a client (a record without region prefixes)");

        JsonNode toHub = HubCalls.verification(ctx, childHub, home, home.code(Colour.GREEN)).send()
                .expectJson(200, SCHEMA, "REQ-VER-1: a child hub's verification is answered");
        Check.equal("YELLOW", toHub.path("status").asText(), "status", "REQ-VER-2: the home's live answer");
        Check.equal(VirtualFederation.liveListSub(home), toHub.path("listSub").asText(null), "listSub of the"
                + " answer to a child hub", "REQ-VER-5: hubs pass the home's listSub in hub-to-hub answers, so every"
                        + " hub on the way back merges with its list state");
    }

    @Conformance(id = "YMT-HVER-006",
            title = "A home that is down gives UNKNOWN, source NONE, HOME_UNAVAILABLE and no listSub, to a platform and to a child hub",
            requirements = { "REQ-VER-5", "REQ-VER-4", "REQ-VER-1" }, negative = true)
    public void downHomeHasNoSourceAndNoListSub(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember home = federation.down();
        for (VirtualMember caller : List.of(federation.active(), federation.childHub())) {
            JsonNode result = HubCalls.verification(ctx, caller, home.code(Colour.GREEN)).send()
                    .expectJson(200, SCHEMA, "REQ-VER-4: a down home still gets an answer");
            String to = " (answer to " + caller.entityId() + ")";
            Check.equal("UNKNOWN", result.path("status").asText(), "status" + to, "REQ-VER-4: never RED");
            Check.equal("NONE", result.path("source").asText(), "source" + to, "REQ-VER-5: with no live answer the"
                    + " answer is UNKNOWN with source NONE, not SIGNED: the code's own colour is no answer");
            Check.equal("HOME_UNAVAILABLE", result.path("reason").asText(), "reason" + to, "REQ-VER-4");
            Check.that(!result.has("listSub"), "REQ-VER-5: without a live answer there is no listSub" + to
                    + "; got " + result.path("listSub"));
        }
    }

    @Conformance(id = "YMT-HVER-007",
            title = "The home's live answer is merged with list state by its listSub: a live GREEN of a subject listed RED is answered RED from the list",
            requirements = { "REQ-VER-5", "REQ-VER-3" })
    public void mergedByListSub(TestContext ctx) {
        ListedBatch listed = ListedBatch.of(ctx);
        VirtualMember home = VirtualFederation.of(ctx).active();
        // two codes of the same code subject: only the listSub of the home's live answer tells them apart
        String codeOfListed = home.code(Colour.GREEN);
        String codeOfUnlisted = home.code(Colour.GREEN);
        List<StubMapping> stubs = new ArrayList<>();
        stubs.add(liveAnswerFor(ctx, home, codeOfListed, listed.red().sub()));
        stubs.add(liveAnswerFor(ctx, home, codeOfUnlisted, ListedBatch.UNLISTED));
        try {
            JsonNode merged = HubCalls.verification(ctx, home, codeOfListed).send()
                    .expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");
            Check.equal("RED", merged.path("status").asText(), "status", "REQ-VER-5: the hub finds the subject's"
                    + " list entry by the listSub of the home's live answer; a subject listed RED never comes out"
                    + " GREEN (REQ-VER-3)");
            Check.equal("LIST", merged.path("source").asText(), "source", "REQ-VER-3: the listing decided");
            Check.equal("LISTED", merged.path("reason").asText(), "reason", "REQ-VER-3");
            Check.that(!merged.has("listSub"), "REQ-VER-5: no listSub to a platform; got " + merged.path("listSub"));

            JsonNode plain = HubCalls.verification(ctx, home, codeOfUnlisted).send()
                    .expectJson(200, SCHEMA, "REQ-VER-1: a verification is answered");
            Check.equal("GREEN", plain.path("status").asText(), "status of the same code subject with an unlisted"
                    + " listSub", "REQ-VER-5: the list state is found by listSub, not by the code's issuer-scoped sub");
            Check.equal("LIVE", plain.path("source").asText(), "source", "REQ-VER-2");
        } finally {
            stubs.forEach(ctx.counterpart().server().wireMock()::removeStub);
        }
    }

    /** {@code home} answers the verification of {@code code} (only) GREEN, live, with {@code listSub}. */
    private static StubMapping liveAnswerFor(TestContext ctx, VirtualMember home, String code, String listSub) {
        return ctx.counterpart().server().wireMock().stubFor(post(urlPathEqualTo(home.apiPath("verifications")))
                .withRequestBody(containing(code)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(VirtualFederation.liveAnswer(home, "GREEN", listSub))));
    }

    private static void expectLiveWithoutListSub(JsonNode result, String status, String to) {
        Check.equal(status, result.path("status").asText(), "status of the answer to " + to,
                "REQ-VER-2: the live answer, which carried listSub, came back");
        Check.equal("LIVE", result.path("source").asText(), "source of the answer to " + to, "REQ-VER-2");
        Check.that(!result.has("listSub"), "REQ-VER-5: listSub stays inside the tree: never in an answer to " + to
                + "; got " + result.path("listSub"));
    }

    private static void expectUnknownInTime(TestContext ctx, HttpAnswer answer, String home) {
        Duration budget = ctx.config().timeouts().answerBudget().plus(HubSettings.of(ctx).answerMargin());
        JsonNode result = answer.expectJson(200, SCHEMA, "REQ-VER-4: " + home + " still gets an answer");
        Check.equal("UNKNOWN", result.path("status").asText(), "status", "REQ-VER-4: " + home + " is never RED");
        Check.equal("HOME_UNAVAILABLE", result.path("reason").asText(), "reason", "REQ-VER-4");
        Check.equal("NONE", result.path("source").asText(), "source",
                "REQ-VER-5: with no live answer, nothing answered for the code (source NONE, not SIGNED)");
        Check.that(answer.elapsed().compareTo(budget) <= 0, "REQ-VER-4: " + home + " must be answered within the"
                + " answer budget plus margin, " + budget.toMillis() + " ms; took " + answer.elapsed().toMillis()
                + " ms");
        ctx.note("answered UNKNOWN in " + answer.elapsed().toMillis() + " ms");
    }

    static List<ReceivedRequest> received(TestContext ctx, VirtualMember member) {
        List<ReceivedRequest> calls = ctx.counterpart().server().received("POST", member.apiPath("verifications"));
        calls.forEach(call -> ctx.http().note(call.recorded()));
        return calls;
    }
}

package org.yimatong.conformance.plans.hub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How long a code may live is its issuer's policy (REQ-CODE-3: {@code codePolicy.maxLifetimeSeconds} of the member
 * record, Gansu's day-long code), and a relative's code is answered as one (REQ-CODE-4). Each test onboards a
 * platform of its own ({@link VirtualFederation#fresh}) with the policy it is about, so no policy or stub of another
 * test decides it; codes are checked from another province's platform ({@link VirtualFederation#active()}).
 */
public final class HubCodePolicyTests {

    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);

    @Conformance(id = "YMT-HCODE-010",
            title = "A day-long code of an issuer whose codePolicy allows a day is verified live by its home, never from its own colour",
            requirements = { "REQ-CODE-3", "REQ-VER-2", "REQ-REG-1" })
    public void dayLongCodeIsVerifiedLive(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, DAY);
        VirtualFederation.answersLive(ctx, home, "YELLOW");
        ctx.counterpart().server().forgetReceived();

        JsonNode result = HubCalls.verification(ctx, caller, home.code(Colour.GREEN, DAY)).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-CODE-3: a code as long-lived as its issuer's"
                        + " policy allows (86400 s) is verified");

        Check.equal("YELLOW", result.path("status").asText(), "status", "REQ-CODE-3: a code living longer than"
                + " 60 s is answered only live by its issuer, which said YELLOW; its own signed GREEN must not win");
        Check.equal("LIVE", result.path("source").asText(), "source", "REQ-CODE-3");
        Check.equal(home.entityId(), result.path("home").asText(), "home", "REQ-VER-1");
        Check.equal(1, HubVerificationTests.received(ctx, home).size(), "calls to the home",
                "REQ-CODE-3: the hub asked the issuer");

        // every hub a code passes checks its times, so the policy must be public
        JsonNode view = ctx.http().get("/v1/members/" + home.entityId()).send()
                .expectJson(200, "member-public.json", "REQ-REG-1: the member's public view");
        Check.equal(DAY.toSeconds(), view.path("codePolicy").path("maxLifetimeSeconds").asLong(),
                "codePolicy.maxLifetimeSeconds of the public view", "REQ-CODE-3: the policy is public in the member"
                        + " view");
    }

    @Conformance(id = "YMT-HCODE-011",
            title = "A day-long code whose home is down is UNKNOWN, source NONE, HOME_UNAVAILABLE: never its own signed colour",
            requirements = { "REQ-CODE-3", "REQ-VER-4", "REQ-VER-5" }, negative = true)
    public void dayLongCodeOfADownHomeIsUnknown(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, DAY);
        VirtualFederation.isDown(ctx, home);

        JsonNode result = HubCalls.verification(ctx, caller, home.code(Colour.GREEN, DAY)).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-VER-4: a down home still gets an answer");

        Check.equal("UNKNOWN", result.path("status").asText(), "status", "REQ-CODE-3: a code that may be a day old"
                + " says nothing about today: without its issuer's live answer it is UNKNOWN, not its signed GREEN");
        Check.equal("NONE", result.path("source").asText(), "source", "REQ-CODE-3: never SIGNED for a code living"
                + " longer than 60 s (REQ-VER-5: with no live answer, source NONE)");
        Check.equal("HOME_UNAVAILABLE", result.path("reason").asText(), "reason", "REQ-VER-4");
    }

    @Conformance(id = "YMT-HCODE-012",
            title = "A code living longer than its issuer's codePolicy (1 h) is refused with code-lifetime-too-long and its home is never called; one living 1 h is verified",
            requirements = { "REQ-CODE-3", "REQ-CODE-1" }, negative = true)
    public void codeLongerThanItsIssuersPolicyIsRefused(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, HOUR);
        VirtualFederation.answersLive(ctx, home, "YELLOW");

        // the policy's own length passes: the limit is the issuer's hour, not the 60 s default
        JsonNode hourLong = HubCalls.verification(ctx, caller, home.code(Colour.GREEN, HOUR)).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-CODE-3: a code living exactly as long as its"
                        + " issuer's policy allows (3600 s) is verified");
        Check.equal("YELLOW", hourLong.path("status").asText(), "status of the hour-long code",
                "REQ-CODE-3: answered live by its issuer");

        ctx.counterpart().server().forgetReceived();
        // two hours is within the 24 h any policy may allow, so only this issuer's policy refuses it
        HubCalls.verification(ctx, caller, home.code(Colour.GREEN, HOUR.multipliedBy(2))).send()
                .expectProblem(ProblemType.CODE_LIFETIME_TOO_LONG, "REQ-CODE-3: a code living 7200 s of an issuer"
                        + " whose codePolicy allows 3600 s is refused");
        Check.equal(0, HubVerificationTests.received(ctx, home).size(), "calls to the home for the two-hour code",
                "REQ-CODE-1: a refused code never leaves the hub");
    }

    @Conformance(id = "YMT-HCODE-013",
            title = "A relative's code (hld) is answered dependant: true though the home's live answer leaves it out; a person's own code has no dependant",
            requirements = { "REQ-CODE-4", "REQ-VER-2" })
    public void relativesCodeIsAnsweredAsOne(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, null);
        // the home's live answer has no dependant: the hub learns it from the signed hld
        VirtualFederation.answersLive(ctx, home, "YELLOW");
        ctx.counterpart().server().forgetReceived();

        JsonNode relative = HubCalls.verification(ctx, caller, home.relativeCode(Colour.GREEN, VirtualMember.subject(
                "guardian of resident-1"))).send().expectJson(200, HubVerificationTests.SCHEMA,
                        "REQ-CODE-4: a relative's code is verified");
        Check.equal("YELLOW", relative.path("status").asText(), "status", "REQ-VER-2: the dependant's status, live"
                + " from the home");
        Check.equal("LIVE", relative.path("source").asText(), "source", "REQ-VER-2");
        Check.that(relative.path("dependant").isBoolean() && relative.path("dependant").booleanValue(),
                "REQ-CODE-4: the answer to a code with hld says dependant: true, so the checkpoint knows the status"
                        + " is not that of the person showing it; got " + relative.path("dependant"));
        Check.equal(1, HubVerificationTests.received(ctx, home).size(), "calls to the home", "REQ-CODE-4: a relative's"
                + " code is verified with its home like any code");

        JsonNode own = HubCalls.verification(ctx, caller, home.code(Colour.GREEN)).send()
                .expectJson(200, HubVerificationTests.SCHEMA, "REQ-VER-1: a verification is answered");
        Check.that(!own.has("dependant"), "REQ-CODE-4: dependant is absent on a person's own code (never false);"
                + " got " + own.path("dependant"));
    }

    @Conformance(id = "YMT-HCODE-014",
            title = "A relative's code whose holder is its own subject (hld = sub) is refused with code-malformed and never reaches its home",
            requirements = { "REQ-CODE-4", "REQ-CODE-1" }, negative = true)
    public void relativesCodeHeldByItsOwnSubjectIsRefused(TestContext ctx) {
        VirtualMember caller = VirtualFederation.of(ctx).active();
        VirtualMember home = VirtualFederation.fresh(ctx, null);
        VirtualFederation.answersLive(ctx, home, "YELLOW");
        CodeClaims own = home.claims(Colour.GREEN, Instant.now(), Duration.ofSeconds(60));
        CodeClaims selfHeld = new CodeClaims(own.iss(), own.sub(), own.jti(), own.col(), own.rgn(), own.iat(),
                own.exp(), own.sub());
        // signed by the issuer's own key: the codec refuses to encode such claims, as an honest issuer would
        String code = JwsSigner.sign(home.identity().key(), DynamicCodeCodec.TYP, selfHeld.toJson().toString()
                .getBytes(StandardCharsets.UTF_8));
        ctx.counterpart().server().forgetReceived();

        HubCalls.verification(ctx, caller, code).send().expectProblem(ProblemType.CODE_MALFORMED,
                "REQ-CODE-4: hld is the holder's pseudonym, different from sub; a code held by its own subject is"
                        + " malformed");
        Check.equal(0, HubVerificationTests.received(ctx, home).size(), "calls to the home",
                "REQ-CODE-1: a refused code never leaves the hub");
    }
}

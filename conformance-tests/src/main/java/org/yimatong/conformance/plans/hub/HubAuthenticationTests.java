package org.yimatong.conformance.plans.hub;

import java.time.Clock;

import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.problem.ProblemType;

/** Who may call the hub (REQ-AUTH-1): a member's client assertion, once, signed with its registered key. */
public final class HubAuthenticationTests {

    @Conformance(id = "YMT-HAUTH-001",
            title = "A verification without a client assertion (or certificate) is refused with unauthenticated",
            requirements = { "REQ-AUTH-1", "REQ-ERR-1" }, negative = true)
    public void missingAssertion(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        ctx.http().post("/v1/verifications").json(HubCalls.verificationRequest(member, member.code(Colour.GREEN)))
                .send().expectProblem(ProblemType.UNAUTHENTICATED, "REQ-AUTH-1: every member call is authenticated");
    }

    @Conformance(id = "YMT-HAUTH-002",
            title = "A client assertion signed by a key not registered for the member is refused",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void forgedAssertion(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(member.identity().key().kid());
        String forged = new Identity(member.entityId(), forger, Clock.systemUTC())
                .assertionFor(ctx.targetEntityId());

        ctx.http().post("/v1/verifications").header(ClientAssertion.HEADER, forged)
                .json(HubCalls.verificationRequest(member, member.code(Colour.GREEN))).send()
                .expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                        "REQ-AUTH-1: a forged client assertion is refused");
    }

    @Conformance(id = "YMT-HAUTH-003", title = "A client assertion used twice is refused the second time (jti replay)",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void replayedAssertion(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        String assertion = member.assertionFor(ctx.targetEntityId());

        ctx.http().post("/v1/verifications").header(ClientAssertion.HEADER, assertion)
                .json(HubCalls.verificationRequest(member, member.code(Colour.GREEN))).send()
                .expectStatus(200, "REQ-AUTH-1: a fresh client assertion is accepted");
        ctx.http().post("/v1/verifications").header(ClientAssertion.HEADER, assertion)
                .json(HubCalls.verificationRequest(member, member.code(Colour.GREEN))).send()
                .expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                        "REQ-AUTH-1: a replayed client assertion is refused");
    }

    @Conformance(id = "YMT-HAUTH-004", title = "A client assertion for another audience is refused",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void assertionForAnotherHub(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();

        ctx.http().post("/v1/verifications").header(ClientAssertion.HEADER, member.assertionFor("ymt:hub:not-this-one"))
                .json(HubCalls.verificationRequest(member, member.code(Colour.GREEN))).send()
                .expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                        "REQ-AUTH-1: an assertion whose aud is not this hub is refused");
    }

    @Conformance(id = "YMT-HAUTH-005", title = "A suspended member's calls are refused with member-suspended",
            requirements = { "REQ-AUTH-1", "REQ-REG-1" }, negative = true)
    public void suspendedCaller(TestContext ctx) {
        VirtualMember suspended = VirtualFederation.of(ctx).suspended();
        VirtualMember active = VirtualFederation.of(ctx).active();

        HubCalls.verification(ctx, suspended, active.code(Colour.GREEN)).send()
                .expectProblem(ProblemType.MEMBER_SUSPENDED, "REQ-REG-1: a suspended member may not call");
    }
}

package org.yimatong.conformance.plans.member;

import java.time.Instant;

import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The hub's {@code Ymt-Client-Assertion} on member-API calls (REQ-AUTH-1, RFC 7523): refused when missing, signed
 * by a stranger, meant for another audience, expired or replayed. Skipped for a member that authenticates its hub
 * by mutual TLS only ({@code target.requiresClientAssertion} false): TLS client certificates are outside what this
 * suite can present.
 */
public final class ClientAssertionTests {

    @Conformance(id = "YMT-AUTH-001", title = "A call with the hub's valid client assertion is served",
            requirements = { "REQ-AUTH-1" })
    public void validAssertionIsAccepted(TestContext ctx) {
        send(ctx, ClientAssertion.sign(ctx.counterpart().self().key(), ctx.counterpart().self().entityId(),
                ctx.targetEntityId(), Instant.now())).expectStatus(200, "REQ-AUTH-1: the hub's own assertion");
    }

    @Conformance(id = "YMT-AUTH-002", title = "A call without a client assertion is refused 401 unauthenticated",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void missingAssertionIsRefused(TestContext ctx) {
        requireAssertions(ctx);
        String code = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        ctx.http().post(MemberCalls.VERIFICATIONS).header("Ymt-Hop", MemberCalls.FIRST_HOP)
                .json(MemberCalls.verificationOf(code)).send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-AUTH-1: the hub must authenticate");
    }

    @Conformance(id = "YMT-AUTH-003",
            title = "An assertion in the hub's name signed by a key not in the hub's key set is refused 401",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void strangersAssertionIsRefused(TestContext ctx) {
        requireAssertions(ctx);
        Identity impostor = Identity.generate(ctx.counterpart().self().entityId(), SignatureProfile.SM2);
        send(ctx, impostor.assertionFor(ctx.targetEntityId())).expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                "REQ-AUTH-1: only the hub's registered keys sign its assertions");
    }

    @Conformance(id = "YMT-AUTH-004", title = "The hub's assertion meant for another audience is refused 401",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void otherAudienceIsRefused(TestContext ctx) {
        requireAssertions(ctx);
        send(ctx, ctx.counterpart().self().assertionFor(ForeignCodes.STRANGER)).expectProblem(
                ProblemType.INVALID_CLIENT_ASSERTION, "REQ-AUTH-1: aud must name the member called");
    }

    @Conformance(id = "YMT-AUTH-005", title = "The hub's assertion expired ten minutes ago is refused 401",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void expiredAssertionIsRefused(TestContext ctx) {
        requireAssertions(ctx);
        String expired = ClientAssertion.sign(ctx.counterpart().self().key(), ctx.counterpart().self().entityId(),
                ctx.targetEntityId(), Instant.now().minusSeconds(600));
        send(ctx, expired).expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                "REQ-AUTH-1: an assertion lives at most 60 s");
    }

    @Conformance(id = "YMT-AUTH-006", title = "The hub's assertion sent a second time (same jti) is refused 401",
            requirements = { "REQ-AUTH-1" }, negative = true)
    public void replayedAssertionIsRefused(TestContext ctx) {
        requireAssertions(ctx);
        String assertion = ctx.counterpart().self().assertionFor(ctx.targetEntityId());
        send(ctx, assertion).expectStatus(200, "REQ-AUTH-1: the first use of a fresh assertion");
        send(ctx, assertion).expectProblem(ProblemType.INVALID_CLIENT_ASSERTION,
                "REQ-AUTH-1: jti is unique, replays refused");
    }

    private static HttpAnswer send(TestContext ctx, String assertion) {
        String code = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        return ctx.http().post(MemberCalls.VERIFICATIONS).header("Ymt-Hop", MemberCalls.FIRST_HOP)
                .header("Ymt-Path", ctx.counterpart().self().entityId())
                .header(ClientAssertion.HEADER, assertion).json(MemberCalls.verificationOf(code)).send();
    }

    private static void requireAssertions(TestContext ctx) {
        if (!ctx.config().target().requiresClientAssertion()) {
            ctx.skip("the target authenticates its hub by mutual TLS only (target.requiresClientAssertion false)");
        }
    }
}

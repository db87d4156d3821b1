package org.yimatong.conformance.plans.member;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Relatives' codes (亲属码, REQ-CODE-4): the code a guardian shows for a dependant is the dependant's own code with
 * {@code hld}, and the member's live answer says {@code dependant: true}. For members whose fixture API issues them
 * ({@code fixtures.dependantCodes}); the others skip, saying so.
 */
public final class RelativeCodeTests {

    @Conformance(id = "YMT-REL-001",
            title = "A relative's code is answered for the dependant, live, with dependant: true",
            requirements = { "REQ-CODE-4", "REQ-VER-1" })
    public void relativesCodeIsAnsweredAsADependants(TestContext ctx) {
        MemberFixtures.IssuedCode issued = MemberFixtures.of(ctx).dependantCode(Colour.YELLOW);
        CodeClaims claims = CodeTests.verifiedWithPublishedKeys(ctx, issued.code());
        Check.that(claims.hld() != null && !claims.hld().equals(claims.sub()),
                "REQ-CODE-4: a relative's code carries hld, the guardian, other than sub");

        JsonNode answer = MemberCalls.verify(ctx, issued.code()).expectJson(200, "verification-result.json",
                "REQ-VER-1: a relative's code is verified live like any code");

        Check.equal(true, answer.path("dependant").asBoolean(false), "dependant", "REQ-CODE-4");
        Check.equal(issued.colour().name(), answer.path("status").asText(), "status (the dependant's colour)",
                "REQ-CODE-4");
        Check.equal("LIVE", answer.path("source").asText(), "source", "REQ-VER-1");
    }

    @Conformance(id = "YMT-REL-002", title = "A person's own code is answered without dependant",
            requirements = { "REQ-CODE-4" })
    public void ownCodeIsNoDependants(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        fixtures.dependantCode(Colour.GREEN); // only where relatives' codes exist is their absence telling
        JsonNode answer = MemberCalls.verify(ctx, fixtures.freshCode(Colour.GREEN).code()).expectJson(200,
                "verification-result.json", "REQ-VER-1");

        Check.that(!answer.has("dependant"),
                "REQ-CODE-4: dependant is absent (never false) on a person's own code, got " + answer.get("dependant"));
    }

    @Conformance(id = "YMT-REL-003",
            title = "A relative's code with hld removed (passed off as the dependant's own) is refused 400 "
                    + "signature-invalid",
            requirements = { "REQ-CODE-4", "REQ-CRYPTO-1" }, negative = true)
    public void relativesCodeStrippedOfItsHolderIsRefused(TestContext ctx) {
        String stripped = Codes.withClaims(MemberFixtures.of(ctx).dependantCode(Colour.RED).code(),
                claims -> claims.remove("hld"));

        MemberCalls.verify(ctx, stripped).expectProblem(ProblemType.SIGNATURE_INVALID,
                "REQ-CODE-4: hld is signed; a code without it is not the one the member issued");
    }
}

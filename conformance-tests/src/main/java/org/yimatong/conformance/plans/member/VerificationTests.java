package org.yimatong.conformance.plans.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.problem.ProblemType;

/** {@code POST /member/v1/verifications}: the home platform answers live for the codes it issued. */
public final class VerificationTests {

    @Conformance(id = "YMT-VER-001", title = "A fresh code of a GREEN resident is answered GREEN, live, with validity",
            requirements = {"REQ-VER-1", "REQ-VER-2"})
    public void greenCodeIsAnsweredGreen(TestContext ctx) {
        answersColour(ctx, Colour.GREEN);
    }

    @Conformance(id = "YMT-VER-002", title = "A fresh code of a YELLOW resident is answered YELLOW, live, with validity",
            requirements = {"REQ-VER-1", "REQ-VER-2"})
    public void yellowCodeIsAnsweredYellow(TestContext ctx) {
        answersColour(ctx, Colour.YELLOW);
    }

    @Conformance(id = "YMT-VER-003", title = "A fresh code of a RED resident is answered RED, live, with validity",
            requirements = {"REQ-VER-1", "REQ-VER-2"})
    public void redCodeIsAnsweredRed(TestContext ctx) {
        answersColour(ctx, Colour.RED);
    }

    @Conformance(id = "YMT-VER-004", title = "A body that is not JSON is refused 400 malformed-request",
            requirements = {"REQ-VER-1", "REQ-ERR-1"}, negative = true)
    public void nonJsonBodyIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).body("{\"code\": ".getBytes(), "application/json").send()
                .expectProblem(ProblemType.MALFORMED_REQUEST, "REQ-ERR-1: a body that is not JSON");
    }

    @Conformance(id = "YMT-VER-005",
            title = "A request missing code, checkpoint and purpose is refused 400 validation-failed naming each",
            requirements = {"REQ-VER-1", "REQ-ERR-1"}, negative = true)
    public void incompleteRequestIsRefusedWithEveryField(TestContext ctx) {
        JsonNode problem = MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).json("{}").send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-ERR-1: an empty verification request");
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
        for (String field : List.of("/code", "/checkpoint", "/purpose")) {
            Check.that(pointers.contains(field), "REQ-ERR-1: errors[] must name every invalid field; " + field
                    + " missing from " + pointers);
        }
    }

    @Conformance(id = "YMT-VER-006", title = "A body sent as text/plain is refused 415 unsupported-media-type",
            requirements = {"REQ-VER-1", "REQ-ERR-1"}, negative = true)
    public void wrongMediaTypeIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).body("{}".getBytes(), "text/plain").send()
                .expectProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "REQ-ERR-1: a body that is not application/json");
    }

    @Conformance(id = "YMT-VER-007",
            title = "Verifications are answered within the hub's member timeout (800 ms default), median of 3",
            requirements = {"REQ-VER-2"})
    public void answersWithinTheHubsBudget(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        Duration budget = ctx.config().timeouts().answerBudget();
        // one unmeasured call: connection set-up and the member's warm-up are not what the hub's timeout is about
        MemberCalls.verify(ctx, fixtures.freshCode(Colour.GREEN).code());
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpAnswer answer = MemberCalls.verify(ctx, fixtures.freshCode(Colour.GREEN).code());
            answer.expectStatus(200, "REQ-VER-2: a timely answer is a valid answer");
            times.add(answer.elapsed());
        }
        times.sort(null);
        Duration median = times.get(1);
        ctx.note("answer times " + times.stream().map(d -> d.toMillis() + " ms").toList() + ", budget "
                + budget.toMillis() + " ms");
        Check.that(median.compareTo(budget) <= 0, "REQ-VER-2: the hub gives a home platform " + budget.toMillis()
                + " ms; the member's median answer took " + median.toMillis() + " ms");
    }

    @Conformance(id = "YMT-VER-008", title = "A code of another issuer is refused 400 unknown-issuer",
            requirements = {"REQ-VER-2", "REQ-CODE-1"}, negative = true)
    public void codeOfAnotherIssuerIsRefused(TestContext ctx) {
        MemberCalls.verify(ctx, ForeignCodes.ofAnotherIssuer(ctx))
                .expectProblem(ProblemType.UNKNOWN_ISSUER, "REQ-VER-2: a member answers only for codes it issued");
    }

    private static void answersColour(TestContext ctx, Colour colour) {
        MemberFixtures.IssuedCode code = MemberFixtures.of(ctx).freshCode(colour);
        Check.equal(colour, code.colour(), "fixture colour", "fixture API");
        JsonNode answer = MemberCalls.verify(ctx, code.code()).expectJson(200, "verification-result.json",
                "REQ-VER-1: a verification answer");
        Answers.expectLive(answer, VerificationStatus.of(colour), ctx.targetEntityId(),
                "REQ-VER-1: a " + colour + " resident's fresh code must be answered " + colour);
    }
}

package org.yimatong.conformance.plans.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /member/v1/verifications}: the home platform answers live for the codes it issued, naming the subject
 * by its list pseudonym ({@code listSub}, REQ-VER-5).
 */
public final class VerificationTests {

    /** A list pseudonym: HMAC-SM3 in lower-case hex (REQ-CRYPTO-2). */
    static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");

    @Conformance(id = "YMT-VER-001", title = "A fresh code of a GREEN resident is answered GREEN, live, with validity",
            requirements = { "REQ-VER-1", "REQ-VER-2" })
    public void greenCodeIsAnsweredGreen(TestContext ctx) {
        answersColour(ctx, Colour.GREEN);
    }

    @Conformance(id = "YMT-VER-002",
            title = "A fresh code of a YELLOW resident is answered YELLOW, live, with validity",
            requirements = { "REQ-VER-1", "REQ-VER-2" })
    public void yellowCodeIsAnsweredYellow(TestContext ctx) {
        answersColour(ctx, Colour.YELLOW);
    }

    @Conformance(id = "YMT-VER-003", title = "A fresh code of a RED resident is answered RED, live, with validity",
            requirements = { "REQ-VER-1", "REQ-VER-2" })
    public void redCodeIsAnsweredRed(TestContext ctx) {
        answersColour(ctx, Colour.RED);
    }

    @Conformance(id = "YMT-VER-004", title = "A body that is not JSON is refused 400 malformed-request",
            requirements = { "REQ-VER-1", "REQ-ERR-1" }, negative = true)
    public void nonJsonBodyIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).body("{\"code\": ".getBytes(), "application/json").send()
                .expectProblem(ProblemType.MALFORMED_REQUEST, "REQ-ERR-1: a body that is not JSON");
    }

    @Conformance(id = "YMT-VER-005",
            title = "A request missing code, checkpoint and purpose is refused 400 validation-failed naming each",
            requirements = { "REQ-VER-1", "REQ-ERR-1" }, negative = true)
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
            requirements = { "REQ-VER-1", "REQ-ERR-1" }, negative = true)
    public void wrongMediaTypeIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).body("{}".getBytes(), "text/plain").send()
                .expectProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "REQ-ERR-1: a body that is not application/json");
    }

    @Conformance(id = "YMT-VER-007",
            title = "Verifications are answered within the hub's member timeout (800 ms default), median of 3",
            requirements = { "REQ-VER-2" })
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
            requirements = { "REQ-VER-2", "REQ-CODE-1" }, negative = true)
    public void codeOfAnotherIssuerIsRefused(TestContext ctx) {
        MemberCalls.verify(ctx, ForeignCodes.ofAnotherIssuer(ctx))
                .expectProblem(ProblemType.UNKNOWN_ISSUER, "REQ-VER-2: a member answers only for codes it issued");
    }

    @Conformance(id = "YMT-VER-009",
            title = "The live answer carries the subject's listSub: 64 lower-case hex, the resident's list pseudonym of the fixture API, one per resident",
            requirements = { "REQ-VER-5", "REQ-CRYPTO-2", "REQ-AUD-3" })
    public void liveAnswerCarriesTheListPseudonym(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        Map<String, String> residentBySub = new HashMap<>();
        for (Colour colour : Colour.values()) {
            MemberFixtures.Resident resident = fixtures.residentOf(colour);
            String listSub = answeredListSub(ctx, fixtures, resident);
            String other = residentBySub.put(listSub, describe(resident));
            Check.that(other == null, "REQ-VER-5: listSub names one subject; the live answers for " + other + " and "
                    + describe(resident) + " carry the same listSub " + listSub);
        }
        ctx.note("listSub of " + residentBySub.size()
                + " residents (GREEN, YELLOW, RED) as the fixture API gives them");
    }

    @Conformance(id = "YMT-VER-010",
            title = "The live answer's listSub, the fixture API's and the sub of the resident's entry in the member's batch are one pseudonym",
            requirements = { "REQ-VER-5", "REQ-LIST-1" })
    public void listSubIsTheSubOfTheBatchEntry(TestContext ctx) throws Exception {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        // the live answers first: a member whose answers carry no listSub fails here, whatever it can publish
        Map<Colour, String> answered = new EnumMap<>(Colour.class);
        for (Colour colour : Colour.values()) {
            answered.put(colour, answeredListSub(ctx, fixtures, fixtures.residentOf(colour)));
        }
        ListTests.Upload upload = ListTests.publish(ctx); // the member's own batch, under the key it holds now
        Map<String, ListEntry> bySub = new HashMap<>();
        upload.entries().forEach(e -> bySub.put(e.sub(), e));
        for (Colour colour : List.of(Colour.YELLOW, Colour.RED)) {
            MemberFixtures.Resident resident = fixtures.residentOf(colour);
            ListEntry entry = bySub.get(answered.get(colour));
            Check.that(entry != null, "REQ-VER-5: the listSub of " + describe(resident) + "'s live answer, "
                    + answered.get(colour) + ", must be the sub of the resident's entry in the member's batch (list"
                    + " entries, lookups and live answers use one pseudonym under the list key of the epoch); no entry"
                    + " of the " + upload.entries().size() + " in the batch has it");
            Check.equal(colour, entry.col(), "col of the batch entry of " + describe(resident),
                    "REQ-VER-5: the entry the listSub names is this resident's");
        }
        Check.that(!bySub.containsKey(answered.get(Colour.GREEN)), "REQ-VER-5: the listSub of "
                + describe(fixtures.residentOf(Colour.GREEN)) + " names an entry of the batch, which holds only RED"
                + " and YELLOW subjects");
        ctx.note("the YELLOW and RED residents' listSub are the subs of their batch entries; the GREEN resident's is"
                + " in no entry (" + upload.entries().size() + " entries)");
    }

    /**
     * The {@code listSub} of the live answer for a fresh code of {@code resident}: present, 64 lower-case hex, and
     * the resident's {@code listSub} of the fixture API. A missing one is a failure, never a skip.
     */
    private static String answeredListSub(TestContext ctx, MemberFixtures fixtures, MemberFixtures.Resident resident) {
        JsonNode answer = MemberCalls.verify(ctx, fixtures.freshCode(resident).code())
                .expectJson(200, "verification-result.json", "REQ-VER-1: a verification answer");
        Check.that(answer.hasNonNull("listSub"), "REQ-VER-5: the live answer for " + describe(resident)
                + " must carry listSub, the subject's list pseudonym (a code's sub names no list entry: without"
                + " listSub no hub can merge the answer with its list state); the answer has none");
        String listSub = answer.path("listSub").asText();
        Check.that(PSEUDONYM.matcher(listSub).matches(), "REQ-VER-5: listSub is 64 lower-case hex (HMAC-SM3,"
                + " REQ-CRYPTO-2), got " + answer.path("listSub"));
        String fixture = resident.listSub();
        Check.that(fixture != null, "fixture API: GET /residents must give " + describe(resident)
                + " its listSub (the list pseudonym under the list key of the epoch); it gives none");
        Check.equal(fixture, listSub, "listSub of the live answer for " + describe(resident),
                "REQ-VER-5: the resident's list pseudonym, as the fixture API gives it");
        return listSub;
    }

    private static String describe(MemberFixtures.Resident resident) {
        return "resident " + resident.n() + " (" + resident.colour() + ")";
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

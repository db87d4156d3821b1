package org.yimatong.conformance.plans.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.http.Redaction;
import org.yimatong.conformance.plans.SyntheticIdNumbers;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;

/** REQ-PRIV-1: no answer of the member API carries anything that looks like a resident ID number. */
public final class PrivacyTests {

    @Conformance(id = "YMT-PRIV-001",
            title = "No answer (verifications, lookups, appeals, introspection, problems) carries an ID number",
            requirements = { "REQ-PRIV-1" })
    public void noAnswerCarriesAnIdNumber(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        MemberFixtures.Resident red = fixtures.listedResidentOf(Colour.RED);
        List<HttpAnswer> answers = new ArrayList<>();
        answers.add(MemberCalls.verify(ctx, fixtures.freshCode(Colour.RED).code()));
        answers.add(MemberCalls.verify(ctx, Codes.truncated(fixtures.freshCode(Colour.GREEN).code())));
        answers.add(MemberCalls.fromHub(ctx, MemberCalls.GREEN_LOOKUPS)
                .json(new GreenLookupRequest(red.listSub(), fixtures.region(), true)).send());
        answers.add(MemberCalls.fromHub(ctx, MemberCalls.APPEALS).header("Ymt-Appeal-Id", "conformance-priv-1")
                .json(new AppealRequest(red.listSub(), fixtures.region(), AppealGround.WRONG_COLOUR, "Wrong.", null))
                .send());
        String token = fixtures.idToken(red.n(), LevelOfAssurance.HIGH, ctx.counterpart().self().entityId());
        answers.add(MemberCalls.fromHub(ctx, MemberCalls.INTROSPECT).form(Map.of("token", token)).send());
        answers.add(MemberCalls.fromHub(ctx, MemberCalls.GREEN_LOOKUPS)
                .json(new GreenLookupRequest(SyntheticIdNumbers.fresh(), fixtures.region(), true)).send());
        for (HttpAnswer answer : answers) {
            Check.that(answer.status() < 500, "REQ-PRIV-1 could not be checked: " + answer.what() + " answered "
                    + answer.status());
            Check.that(!Redaction.containsIdNumber(answer.text()), "REQ-PRIV-1: the answer of " + answer.what()
                    + " carries something shaped like an ID number");
            answer.headers().forEach((name, values) -> Check.that(
                    values.stream().noneMatch(Redaction::containsIdNumber),
                    "REQ-PRIV-1: header " + name + " of " + answer.what() + " carries an ID number"));
        }
        ctx.note(answers.size() + " answers scanned");
    }
}

package org.yimatong.conformance.plans.member;

import java.util.ArrayList;
import java.util.List;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * REQ-PRIV-1, minimum disclosure at the home platform: a verification answer carries attestations (a test,
 * vaccination, service links) only as the hub names them in {@code disclose}, in the contract's shape, and never
 * more; an attestation the contract does not know is refused. The fixture API's first GREEN resident must have a
 * nucleic-acid test on record.
 */
public final class AttestationTests {

    @Conformance(id = "YMT-PRIV-003",
            title = "A verification asking for the test (disclose: naat) answers attestations in the contract's shape with the test and nothing else",
            requirements = { "REQ-PRIV-1", "REQ-VER-1" })
    public void askedForTheTestAnswersTheTestOnly(TestContext ctx) {
        MemberFixtures.Resident resident = MemberFixtures.of(ctx).residentOf(Colour.GREEN);
        JsonNode answer = verify(ctx, resident, List.of("naat")).expectJson(200, "verification-result.json",
                "REQ-PRIV-1: a verification answer asking for the test");
        JsonNode attestations = answer.get("attestations");
        Check.that(attestations != null && attestations.isObject(), "REQ-PRIV-1: asked for naat, the answer for "
                + describe(resident) + " must carry attestations.naat (the fixture API's first GREEN resident must"
                + " have a nucleic-acid test on record); it has " + (attestations == null ? "no attestations"
                        : attestations));
        List<String> names = new ArrayList<>();
        attestations.fieldNames().forEachRemaining(names::add);
        Check.equal(List.of("naat"), names, "attestations of the answer for " + describe(resident),
                "REQ-PRIV-1: only what the hub asked for (disclose: [naat])");
        Attestations parsed;
        try {
            parsed = PayloadJson.mapper().treeToValue(attestations, Attestations.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Check.fail("REQ-PRIV-1: attestations outside the contract: " + attestations);
        }
        Check.equal(List.of(), parsed.validate(), "field errors of attestations " + attestations,
                "REQ-PRIV-1: attestations in the contract's shape (naat: result, sampledAt, reportedAt not before"
                        + " it, labRegion of 6 digits)");
        ctx.note("naat of " + describe(resident) + ": " + parsed.naat().result() + ", sampled "
                + parsed.naat().sampledAt());
    }

    @Conformance(id = "YMT-PRIV-004",
            title = "A verification without disclose answers no attestations",
            requirements = { "REQ-PRIV-1", "REQ-VER-1" })
    public void notAskedAnswersNoAttestations(TestContext ctx) {
        MemberFixtures.Resident resident = MemberFixtures.of(ctx).residentOf(Colour.GREEN);
        JsonNode answer = verify(ctx, resident, null).expectJson(200, "verification-result.json",
                "REQ-PRIV-1: a verification answer asking for nothing but the colour");
        Check.that(!answer.has("attestations"), "REQ-PRIV-1: the hub asked for no attestation, yet the answer for "
                + describe(resident) + " carries " + answer.get("attestations"));
    }

    @Conformance(id = "YMT-PRIV-005",
            title = "A verification asking for an attestation the contract does not know is refused 400 validation-failed naming it",
            requirements = { "REQ-PRIV-1", "REQ-ERR-1" }, negative = true)
    public void unknownAttestationIsRefused(TestContext ctx) {
        MemberFixtures.Resident resident = MemberFixtures.of(ctx).residentOf(Colour.GREEN);
        JsonNode problem = verify(ctx, resident, List.of("naat", "travelHistory")).expectProblem(
                ProblemType.VALIDATION_FAILED, "REQ-PRIV-1: disclose names only naat, vaccination, serviceLinks");
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
        Check.that(pointers.contains("/disclose/1"), "REQ-ERR-1: errors[] must name /disclose/1 (travelHistory);"
                + " it names " + pointers);
    }

    private static HttpAnswer verify(TestContext ctx, MemberFixtures.Resident resident,
            List<String> disclose) {
        String code = MemberFixtures.of(ctx).freshCode(resident).code();
        VerificationRequest request = new VerificationRequest(code, MemberCalls.CHECKPOINT, "hospital-visit",
                disclose, null, null, null);
        return MemberCalls.fromHub(ctx, MemberCalls.VERIFICATIONS).json(request).send();
    }

    private static String describe(MemberFixtures.Resident resident) {
        return "resident " + resident.n() + " (" + resident.colour() + ")";
    }
}

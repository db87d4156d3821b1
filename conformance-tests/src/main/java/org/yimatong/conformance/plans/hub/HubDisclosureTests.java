package org.yimatong.conformance.plans.hub;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a checkpoint may see (REQ-PRIV-1): the hub applies the purpose policy it publishes, asks the home only for
 * what the purpose allows, and never lets through what the purpose does not, even when the home over-shares. Each
 * test has a home platform of its own that answers every attestation, whatever it is asked.
 */
public final class HubDisclosureTests {

    static final String PURPOSE_POLICY_TYP = "ymt-purpose-policy+jwt";

    @Conformance(id = "YMT-HPRIV-001",
            title = "The hub publishes its purpose policy, as JSON and signed with its key",
            requirements = { "REQ-PRIV-1" })
    public void policyIsPublished(TestContext ctx) {
        JsonNode policy = ctx.http().get("/v1/purposes").header("Accept", "application/json").send()
                .expectJson(200, "purpose-policy.json", "REQ-PRIV-1: GET /v1/purposes answers the policy");
        Check.that(policy.path("version").asInt() >= 1, "REQ-PRIV-1: the policy has a version");
        String jws = ctx.http().get("/v1/purposes").header("Accept", "application/jwt").send()
                .expectStatus(200, "REQ-PRIV-1: the policy is also served signed").text().trim();
        JwkSet keys = JwkSet.parse(ctx.http().get("/v1/jwks").send().expectStatus(200, "REQ-KEY-1: the key set")
                .text());
        JsonNode claims = readJson(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), PURPOSE_POLICY_TYP)
                .verify(jws, keys).payload());
        Check.equal(ctx.targetEntityId(), claims.path("iss").asText(), "iss",
                "REQ-PRIV-1: the signed policy names the hub that applies it");
        Check.equal(policy.path("version").asInt(), claims.path("version").asInt(), "version",
                "REQ-PRIV-1: the signed policy is the one served");
    }

    @Conformance(id = "YMT-HPRIV-002",
            title = "A purpose that allows only a decision gets meets, never the test, even when the home sends it",
            requirements = { "REQ-PRIV-1", "REQ-VER-1" })
    public void decisionOnly(TestContext ctx) {
        Visit visit = visit(ctx, 20);
        ObjectNode request = HubCalls.verificationRequest(visit.checkpoint(), visit.home().code(Colour.GREEN))
                .put("purpose", "station-entry");
        request.putObject("requires").put("naatNegativeWithinHours", 48);
        HttpAnswer answer = verify(ctx, visit, request);
        JsonNode result = answer.json();
        Check.equal(true, result.path("meets").asBoolean(false), "meets",
                "REQ-PRIV-1: a negative test sampled 20 h ago meets the rule 'negative within 48 h'");
        Check.that(!result.has("attestations") && !answer.text().contains("sampledAt"),
                "REQ-PRIV-1: station-entry allows only a decision on the test: neither it nor its date reach the"
                        + " caller, although the home sent them");
        Check.that(result.path("policyVersion").asInt() >= 1, "REQ-PRIV-1: the answer names the policy"
                + " version that decided");
        JsonNode asked = lastAsked(ctx, visit);
        Check.equal(List.of("naat"), PayloadJson.mapper().convertValue(asked.path("disclose"), List.class),
                "disclose sent to the home", "REQ-PRIV-1: the hub asks the home for what the rule needs, no more");
        Check.that(!asked.has("requires") && !asked.has("operatorToken"),
                "REQ-PRIV-1: a checkpoint's rules and session never reach a member");

        Visit old = visit(ctx, 72);
        ObjectNode again = HubCalls.verificationRequest(old.checkpoint(), old.home().code(Colour.GREEN))
                .put("purpose", "station-entry");
        again.putObject("requires").put("naatNegativeWithinHours", 48);
        Check.equal(false, verify(ctx, old, again).json().path("meets").asBoolean(true), "meets",
                "REQ-PRIV-1: a test sampled 72 h ago does not meet 'negative within 48 h'");
    }

    @Conformance(id = "YMT-HPRIV-003",
            title = "A caller below the purpose's level gets the colour only, and the home is asked for nothing",
            requirements = { "REQ-PRIV-1" }, negative = true)
    public void belowTheLevel(TestContext ctx) {
        Visit visit = visit(ctx, 20);
        ObjectNode request = HubCalls.verificationRequest(visit.checkpoint(), visit.home().code(Colour.GREEN))
                .put("purpose", "hospital-visit");
        request.putArray("disclose").add("naat").add("vaccination");
        JsonNode answer = verify(ctx, visit, request).json();
        Check.that(!answer.has("attestations") && !answer.has("meets"),
                "REQ-PRIV-1: hospital-visit shows the test from substantial; an anonymous caller sees the colour only");
        Check.equal(List.of("naat", "vaccination"), PayloadJson.mapper().convertValue(answer.path("withheld"),
                List.class), "withheld", "REQ-PRIV-1: the answer names what the caller's level does not reach");
        Check.that(!lastAsked(ctx, visit).has("disclose"), "REQ-PRIV-1: the hub asks the home for nothing it"
                + " could not pass on");
    }

    @Conformance(id = "YMT-HPRIV-004",
            title = "An unknown purpose, a disclosure or a rule the purpose never allows are refused before the home"
                    + " is asked",
            requirements = { "REQ-PRIV-1", "REQ-ERR-1" }, negative = true)
    public void refusals(TestContext ctx) {
        Visit visit = visit(ctx, 20);
        refused(ctx, visit, r -> r.put("purpose", "sightseeing"), ProblemType.PURPOSE_UNKNOWN,
                "REQ-PRIV-1: a purpose outside the policy is refused");
        refused(ctx, visit, r -> r.put("purpose", "station-entry").putArray("disclose").add("naat"),
                ProblemType.DISCLOSURE_NOT_ALLOWED, "REQ-PRIV-1: station-entry never shows the test as data");
        refused(ctx, visit, r -> r.put("purpose", "government-service").putObject("requires")
                .put("naatNegativeWithinHours", 48), ProblemType.RULE_NOT_ALLOWED,
                "REQ-PRIV-1: government-service allows no decision on a test");
        int version = ctx.http().get("/v1/purposes").header("Accept", "application/json").send()
                .expectJson(200, "purpose-policy.json", "REQ-PRIV-1: the policy").path("version").asInt();
        if (version > 1) {
            refused(ctx, visit, r -> r.put("purpose", "station-entry").put("policyVersion", version - 1),
                    ProblemType.PURPOSE_POLICY_OUTDATED, "REQ-PRIV-1: a request on an older policy is refused");
        }
        Check.equal(0, ctx.counterpart().server().received("POST", visit.home().apiPath("verifications")).size(),
                "verifications the home received", "REQ-PRIV-1: a refused request reaches no member");
    }

    /** A home of this test alone whose person was tested {@code hoursAgo}, and the checkpoint that scans. */
    private record Visit(VirtualMember home, VirtualMember checkpoint) {}

    private static Visit visit(TestContext ctx, int hoursAgo) {
        VirtualMember home = VirtualFederation.fresh(ctx, null);
        Instant now = Instant.now();
        ObjectNode answer = VirtualFederation.liveAnswerJson(home.entityId(), "GREEN",
                VirtualFederation.liveListSub(home));
        ObjectNode attestations = answer.putObject("attestations");
        attestations.putObject("naat").put("result", "NEGATIVE")
                .put("sampledAt", now.minusSeconds(hoursAgo * 3600L).toString())
                .put("reportedAt", now.minusSeconds(hoursAgo * 3600L - 3600).toString())
                .put("labRegion", home.regionCode());
        attestations.putObject("vaccination").put("doses", 3).put("lastDoseOn", "2022-03-14");
        attestations.putObject("serviceLinks").put("medicalInsurance", true).put("transitCard", true);
        ctx.counterpart().server().answer("POST", home.apiPath("verifications"), 200, "application/json",
                answer.toString());
        return new Visit(home, VirtualFederation.of(ctx).active());
    }

    private static HttpAnswer verify(TestContext ctx, Visit visit, ObjectNode request) {
        HttpAnswer answer = HubCalls.asMember(ctx, visit.checkpoint(), ctx.http().post("/v1/verifications")).json(
                request)
                .send();
        JsonNode json = answer.expectJson(200, "verification-result.json", "REQ-VER-1: a verification is answered");
        Check.equal("LIVE", json.path("source").asText(), "source", "REQ-VER-2: the home answered live");
        return answer;
    }

    private static void refused(TestContext ctx, Visit visit, Consumer<ObjectNode> change, ProblemType type,
            String why) {
        ObjectNode request = HubCalls.verificationRequest(visit.checkpoint(), visit.home().code(Colour.GREEN));
        change.accept(request);
        HubCalls.asMember(ctx, visit.checkpoint(), ctx.http().post("/v1/verifications")).json(request).send()
                .expectProblem(type, why);
    }

    private static JsonNode lastAsked(TestContext ctx, Visit visit) {
        List<ReceivedRequest> asked = HubVerificationTests.received(ctx, visit.home());
        Check.that(!asked.isEmpty(), "REQ-VER-2: the hub asked the home");
        return readJson(asked.get(asked.size() - 1).body());
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return PayloadJson.mapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw Check.fail("not JSON: " + e.getMessage());
        }
    }
}

package org.yimatong.conformance.plans.hub;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** The member registry as operators and other members see it. */
public final class HubRegistryTests {

    @Conformance(id = "YMT-HREG-001",
            title = "An onboarded member is listed publicly without its base URL or certificate",
            requirements = { "REQ-REG-1", "REQ-TOPO-1" })
    public void publicView(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        JsonNode view = ctx.http().get("/v1/members/" + member.entityId()).send()
                .expectJson(200, "member-public.json", "REQ-REG-1: GET /v1/members/{id} shows an onboarded member");
        Check.equal(member.entityId(), view.path("entityId").asText(), "entityId", "REQ-REG-1");
        Check.equal("ACTIVE", view.path("status").asText(), "status", "REQ-REG-1");
        Check.that(!view.has("baseUrl") && !view.has("tlsCertSha256"), "REQ-TOPO-1: provinces never call each"
                + " other, so the public view hides a member's base URL and certificate");
    }

    @Conformance(id = "YMT-HREG-002", title = "The admin API refuses a call without the admin token",
            requirements = { "REQ-REG-1", "REQ-ERR-1" }, negative = true)
    public void adminNeedsToken(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        ctx.http().get("/v1/admin/members/" + member.entityId()).send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-REG-1: only operators read full member records");
        ctx.http().request("PUT", "/v1/admin/members/" + member.entityId())
                .header("Authorization", "Bearer not-the-admin-token").json("{}").send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-REG-1: only operators onboard members");
    }

    @Conformance(id = "YMT-HREG-003", title = "An unknown member is a not-found problem",
            requirements = { "REQ-ERR-1" }, negative = true)
    public void unknownMember(TestContext ctx) {
        ctx.http().get("/v1/members/ymt:member:conformance-nobody").send()
                .expectProblem(ProblemType.NOT_FOUND, "REQ-ERR-1: an unknown member is 404 not-found");
    }

    @Conformance(id = "YMT-HREG-004",
            title = "Every trust mark the hub publishes is signed by the hub, verifiable with its published key set",
            requirements = { "REQ-REG-1", "REQ-KEY-1" })
    public void trustMarksVerify(TestContext ctx) {
        JsonNode members = ctx.http().get("/v1/members").send().expectStatus(200,
                "REQ-REG-1: GET /v1/members lists the hub's members publicly").json();
        Check.that(members.isArray(), "REQ-REG-1: GET /v1/members answers an array of member views");
        JwkSet published = null;
        int checked = 0;
        for (JsonNode member : members) {
            for (JsonNode mark : member.path("trustMarks")) {
                if (published == null) {
                    published = JwkSet.parse(ctx.http().get("/v1/jwks").send().expectStatus(200,
                            "REQ-KEY-1: the hub publishes its keys").text());
                }
                checkMark(member.path("entityId").asText(), mark, published, ctx.targetEntityId());
                checked++;
            }
        }
        if (checked == 0) {
            // a mark comes only from a report signed by a runner key the hub trusts, which the suite cannot make
            throw ctx.skip("the hub publishes no member with a trust mark, and the suite cannot earn one: a mark is"
                    + " recorded only from a report signed by a runner key the hub's operator trusts");
        }
        ctx.note(checked + " trust mark(s) verified against the hub's /v1/jwks");
    }

    private static void checkMark(String member, JsonNode mark, JwkSet published, String hub) {
        String which = "the " + mark.path("plan").asText() + " mark of " + member;
        Check.that(mark.hasNonNull("signature") && mark.hasNonNull("expiresAt"), "REQ-REG-1: " + which
                + " carries the hub's signature and its expiry, so other hubs can check it");
        JsonNode claims;
        try {
            claims = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TrustMark.TYP)
                    .verify(mark.path("signature").asText(), published).payload());
        } catch (RuntimeException | IOException e) {
            throw Check.fail("REQ-REG-1: " + which + " must be a " + TrustMark.TYP + " JWS verifying with a key of"
                    + " the hub's /v1/jwks: " + e.getMessage());
        }
        Check.equal(member, claims.path("sub").asText(), "sub of " + which, "REQ-REG-1: a mark names its member");
        Check.equal(hub, claims.path("iss").asText(), "iss of " + which, "REQ-REG-1: the recording hub signs it");
        Check.equal(mark.path("plan").asText(), claims.path("plan").asText(), "plan of " + which, "REQ-REG-1");
        Check.equal(mark.path("suiteVersion").asText(), claims.path("suiteVersion").asText(), "suiteVersion of "
                + which, "REQ-REG-1");
        Check.equal(mark.path("reportDigest").asText(), claims.path("reportDigest").asText(), "reportDigest of "
                + which, "REQ-REG-1: the signature binds the mark to the report it came from");
        Check.equal(Instant.parse(mark.path("expiresAt").asText()).getEpochSecond(), claims.path("exp").asLong(),
                "exp of " + which, "REQ-REG-1: the signed expiry is the published one");
    }
}

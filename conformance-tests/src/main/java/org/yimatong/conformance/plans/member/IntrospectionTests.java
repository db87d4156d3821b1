package org.yimatong.conformance.plans.member;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Routed validation at {@code POST /member/v1/introspect} (RFC 7662 semantics): the member vouches for the ID tokens
 * its login service issued, at the level of assurance they were issued with, and answers anything else with
 * exactly {@code {"active":false}}.
 */
public final class IntrospectionTests {

    @Conformance(id = "YMT-INT-001",
            title = "An ID token of the member's login is introspected active, with iss, sub, exp and its acr",
            requirements = { "REQ-TOK-1", "REQ-TOK-4", "REQ-LOA-1" })
    public void ownTokenIsActive(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String token = fixtures.idToken(fixtures.residentOf(Colour.GREEN).n(), LevelOfAssurance.SUBSTANTIAL,
                ctx.counterpart().self().entityId());
        JsonNode answer = introspect(ctx, token);
        Check.that(answer.path("active").asBoolean(false), "REQ-TOK-1: the member's own valid ID token is active");
        Check.equal(ctx.targetEntityId(), answer.path("iss").asText(), "iss", "REQ-TOK-1");
        Check.that(!answer.path("sub").asText().isEmpty(), "REQ-TOK-1: an active answer names the subject");
        Check.that(answer.path("exp").asLong() > System.currentTimeMillis() / 1000,
                "REQ-TOK-1: an active token has exp in the future, got " + answer.path("exp"));
        Check.equal(LevelOfAssurance.SUBSTANTIAL.uri(), answer.path("acr").asText(), "acr",
                "REQ-LOA-1: the level the subject authenticated at");
    }

    @Conformance(id = "YMT-INT-002", title = "A tampered ID token is answered exactly {\"active\":false}",
            requirements = { "REQ-TOK-4", "REQ-TOK-1" }, negative = true)
    public void tamperedTokenIsInactiveOnly(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String token = fixtures.idToken(fixtures.residentOf(Colour.GREEN).n(), LevelOfAssurance.BASIC,
                ctx.counterpart().self().entityId());
        expectOnlyInactive(introspect(ctx, Codes.withFlippedSignatureBit(token)));
    }

    @Conformance(id = "YMT-INT-003",
            title = "A token in the member's name signed by a foreign key is answered exactly {\"active\":false}",
            requirements = { "REQ-TOK-4", "REQ-TOK-1" }, negative = true)
    public void foreignSignedTokenIsInactiveOnly(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String genuine = fixtures.idToken(fixtures.residentOf(Colour.GREEN).n(), LevelOfAssurance.HIGH,
                ctx.counterpart().self().entityId());
        ParsedJws jws = ParsedJws.parseCompact(genuine);
        Jwk published = Published.keySet(ctx).resolve(jws.header().kid())
                .orElseThrow(() -> Check.fail("REQ-KEY-1: the ID token's kid is not in the member's key set"));
        Jwk forger = Jwk.generate(published.profile()).withKid(jws.header().kid());
        String forged = JwsSigner.sign(forger, jws.header().typ(), jws.payload());
        expectOnlyInactive(introspect(ctx, forged));
    }

    @Conformance(id = "YMT-INT-004", title = "An introspection without token is refused 400 validation-failed",
            requirements = { "REQ-TOK-4", "REQ-ERR-1" }, negative = true)
    public void missingTokenIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.INTROSPECT).form(Map.of("token_type_hint", "id_token")).send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-TOK-4: token is required (RFC 7662 §2.1)");
    }

    @Conformance(id = "YMT-INT-005", title = "An introspection sent as JSON is refused 415 unsupported-media-type",
            requirements = { "REQ-TOK-4", "REQ-ERR-1" }, negative = true)
    public void jsonIntrospectionIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.INTROSPECT).json(Map.of("token", "x".repeat(40))).send()
                .expectProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "REQ-TOK-4: introspection is application/x-www-form-urlencoded (RFC 7662)");
    }

    @Conformance(id = "YMT-LOA-001",
            title = "ID tokens at each level (anonymous, basic, substantial, high) introspect at exactly that urn:ymt:loa level",
            requirements = { "REQ-LOA-1", "REQ-LOA-2" })
    public void everyLevelIsKept(TestContext ctx) {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        int n = fixtures.residentOf(Colour.GREEN).n();
        for (LevelOfAssurance level : LevelOfAssurance.values()) {
            String token = fixtures.idToken(n, level, ctx.counterpart().self().entityId());
            JsonNode answer = introspect(ctx, token);
            Check.that(answer.path("active").asBoolean(false), "REQ-LOA-1: a valid ID token at " + level.uri()
                    + " must be active");
            Check.equal(level.uri(), answer.path("acr").asText(), "acr", "REQ-LOA-2: a level is never changed");
        }
    }

    @Conformance(id = "YMT-LOA-002",
            title = "A basic ID token whose acr was edited to high is answered exactly {\"active\":false}",
            requirements = { "REQ-LOA-2", "REQ-LOA-1" }, negative = true)
    public void raisedLevelIsInactive(TestContext ctx) throws Exception {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        String token = fixtures.idToken(fixtures.residentOf(Colour.GREEN).n(), LevelOfAssurance.BASIC,
                ctx.counterpart().self().entityId());
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) StrictJson.read(Base64Url.decode(parts[1]));
        claims.put("acr", LevelOfAssurance.HIGH.uri());
        String raised = parts[0] + "." + Base64Url.encode(claims.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        expectOnlyInactive(introspect(ctx, raised));
    }

    private static JsonNode introspect(TestContext ctx, String token) {
        return MemberCalls.fromHub(ctx, MemberCalls.INTROSPECT).form(Map.of("token", token)).send()
                .expectJson(200, "introspection-response.json", "REQ-TOK-4: an introspection answer");
    }

    private static void expectOnlyInactive(JsonNode answer) {
        Check.equal("{\"active\":false}", answer.toString(), "answer",
                "REQ-TOK-4: an inactive token answers only {\"active\":false}");
    }
}

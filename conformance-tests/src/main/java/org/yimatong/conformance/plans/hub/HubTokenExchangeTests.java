package org.yimatong.conformance.plans.hub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cross-region single sign-on (REQ-TOK-1..3, REQ-LOA-1..2): the active virtual member is both the login service
 * that issued the person's ID token and the department ({@code hub.tokenAudience}) exchanging it for a hub token,
 * whose {@code iss} is the issuer of the hub's RFC 8414 metadata and {@code ymt_entity} the hub's entity id.
 */
public final class HubTokenExchangeTests {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    static final String SUBSTANTIAL = "urn:ymt:loa:substantial";

    @Conformance(id = "YMT-HTOK-003",
            title = "An ID token is exchanged for a hub token (at+jwt, 5 min, pairwise sub) signed with a published key",
            requirements = { "REQ-TOK-1", "REQ-TOK-2", "REQ-LOA-2" })
    public void exchange(TestContext ctx) throws Exception {
        VirtualMember department = department(ctx);

        JsonNode response = exchange(ctx, department, idToken(ctx, department, "alice", SUBSTANTIAL,
                department.identity().key()), Map.of())
                .expectJson(200, "token-response.json", "REQ-TOK-1: a valid ID token is exchanged");

        JsonNode claims = verifiedHubToken(ctx, response.path("access_token").asText());
        // iss is the hub's OAuth issuer (RFC 8414 metadata, RFC 9068); its entity id is claim ymt_entity
        JsonNode metadata = ctx.http().get("/.well-known/oauth-authorization-server").send().expectJson(200,
                "authorization-server-metadata.json", "REQ-TOK-2: the hub publishes its OAuth metadata");
        Check.equal(ctx.targetEntityId(), metadata.path("ymt_entity").asText(), "ymt_entity of the metadata",
                "REQ-TOK-2");
        Check.equal(metadata.path("issuer").asText(), claims.path("iss").asText(), "iss",
                "REQ-TOK-2: the hub issues the token, under the issuer its metadata names");
        Check.equal(ctx.targetEntityId(), claims.path("ymt_entity").asText(), "ymt_entity",
                "REQ-TOK-2: the token names the hub's entity id");
        Check.equal(department.entityId(), claims.path("aud").asText(), "aud", "REQ-TOK-2");
        Check.equal(SUBSTANTIAL, claims.path("acr").asText(), "acr",
                "REQ-LOA-2: the token carries the ID token's level, never a higher one");
        Check.equal(department.entityId(), claims.path("home").asText(), "home", "REQ-TOK-2");
        Check.that(!claims.path("sub").asText().isEmpty() && !"alice".equals(claims.path("sub").asText()),
                "REQ-TOK-2: sub is pairwise per audience, not the login service's own subject id");
        Check.that(claims.path("exp").asLong() - claims.path("iat").asLong() <= 300,
                "REQ-TOK-2: a hub token lives at most 5 minutes");
        Check.that(claims.hasNonNull("jti") && claims.hasNonNull("auth_time"), "REQ-TOK-2: jti and auth_time");
    }

    @Conformance(id = "YMT-HTOK-004",
            title = "An ID token signed by a key the login service never registered is refused",
            requirements = { "REQ-TOK-1", "REQ-CRYPTO-1" }, negative = true)
    public void forgedIdToken(TestContext ctx) {
        VirtualMember department = department(ctx);
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(department.identity().key().kid());

        exchange(ctx, department, idToken(ctx, department, "alice", SUBSTANTIAL, forger), Map.of())
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-TOK-1: the subject token is verified with the"
                        + " issuing member's key set");
    }

    @Conformance(id = "YMT-HTOK-005",
            title = "Delegation puts the actor in act; the subject's level is kept, not the actor's higher one",
            requirements = { "REQ-TOK-3", "REQ-LOA-2" })
    public void delegation(TestContext ctx) throws Exception {
        VirtualMember department = department(ctx);
        Jwk key = department.identity().key();
        Map<String, String> actor = Map.of("actor_token", idToken(ctx, department, "parent", "urn:ymt:loa:high", key),
                "actor_token_type", ID_TOKEN);

        JsonNode response = exchange(ctx, department, idToken(ctx, department, "child", SUBSTANTIAL, key, "parent"),
                actor).expectJson(200, "token-response.json", "REQ-TOK-3: a delegated exchange is answered");

        JsonNode claims = verifiedHubToken(ctx, response.path("access_token").asText());
        Check.that(claims.path("act").hasNonNull("sub"), "REQ-TOK-3: the actor is named in act.sub");
        Check.that(!claims.path("act").path("sub").asText().equals(claims.path("sub").asText()),
                "REQ-TOK-3: the actor is not the subject");
        Check.equal(SUBSTANTIAL, claims.path("acr").asText(), "acr", "REQ-LOA-2: an actor's high level never raises"
                + " the subject's");
    }

    @Conformance(id = "YMT-HLOA-001",
            title = "A level below the audience's minimum is refused with an RFC 9470 challenge",
            requirements = { "REQ-LOA-1" }, negative = true)
    public void levelTooLow(TestContext ctx) {
        VirtualMember department = department(ctx);

        HttpAnswer answer = exchange(ctx, department, idToken(ctx, department, "alice", "urn:ymt:loa:basic",
                department.identity().key()), Map.of());
        answer.expectProblem(ProblemType.INSUFFICIENT_USER_AUTHENTICATION,
                "REQ-LOA-1: basic is below the audience's minimum, substantial");
        String challenge = answer.header("WWW-Authenticate").orElse("");
        Check.that(challenge.contains("insufficient_user_authentication") && challenge.contains("acr_values=\""
                + SUBSTANTIAL + "\""), "REQ-LOA-1: the RFC 9470 challenge names the required level; got " + challenge);
    }

    @Conformance(id = "YMT-HLOA-002", title = "A level outside the four of the contract is refused",
            requirements = { "REQ-LOA-1" }, negative = true)
    public void unknownLevel(TestContext ctx) {
        VirtualMember department = department(ctx);

        exchange(ctx, department, idToken(ctx, department, "alice", "urn:ymt:loa:supreme",
                department.identity().key()), Map.of())
                .expectProblem(ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, "REQ-LOA-1: levels are anonymous, basic,"
                        + " substantial and high");
    }

    /** The department the hub issues tokens for, or SKIPPED when the configuration names none. */
    private static VirtualMember department(TestContext ctx) {
        HubSettings settings = HubSettings.of(ctx);
        VirtualMember active = VirtualFederation.of(ctx).active();
        if (settings.tokenAudience().isEmpty()) {
            ctx.skip("hub.tokenAudience is not configured: the hub serves no audience the suite plays");
        }
        Check.equal(active.entityId(), settings.tokenAudience().get(), "hub.tokenAudience",
                "configuration: the token audience must be the suite's active virtual member");
        return active;
    }

    /**
     * An ID token of {@code issuer}'s login service for the hub whose issuer vouches that {@code actor} (a subject
     * of the same issuer) may act for {@code sub} (RFC 8693 §4.4 {@code may_act}).
     */
    private static String idToken(TestContext ctx, VirtualMember issuer, String sub, String acr, Jwk key,
            String actor) {
        ObjectNode claims = claims(ctx, issuer, sub, acr);
        claims.putObject("may_act").put("sub", actor);
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An ID token of {@code issuer}'s login service for the hub, issued now, valid 10 minutes. */
    private static String idToken(TestContext ctx, VirtualMember issuer, String sub, String acr, Jwk key) {
        return JwsSigner.sign(key, "JWT", claims(ctx, issuer, sub, acr).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode claims(TestContext ctx, VirtualMember issuer, String sub, String acr) {
        Instant now = Instant.now();
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("iss", issuer.entityId()).put("sub", sub)
                .put("aud", ctx.targetEntityId()).put("iat", now.getEpochSecond())
                .put("exp", now.plusSeconds(600).getEpochSecond()).put("auth_time", now.minusSeconds(60)
                        .getEpochSecond())
                .put("acr", acr).put("jti", "conformance-" + sub + "-" + System.nanoTime());
        return claims;
    }

    private static HttpAnswer exchange(TestContext ctx, VirtualMember client, String subjectToken,
            Map<String, String> more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TOKEN_EXCHANGE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", ID_TOKEN);
        form.put("audience", client.entityId());
        form.put("client_assertion_type", HubTokenTests.JWT_BEARER);
        form.put("client_assertion", client.assertionFor(ctx.targetEntityId()));
        form.putAll(more);
        return ctx.http().post("/v1/token").form(form).send();
    }

    /** The hub token's claims after checking its signature against the hub's published key set (REQ-KEY-1). */
    private static JsonNode verifiedHubToken(TestContext ctx, String token) throws Exception {
        JwkSet keys = JwkSet.parse(ctx.http().get("/v1/jwks").send().expectStatus(200, "REQ-KEY-1").text());
        try {
            return StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "at+jwt")
                    .verify(token, keys).payload());
        } catch (RuntimeException e) {
            throw Check.fail("REQ-TOK-2: the hub token must be an at+jwt verifying with a key of /v1/jwks: "
                    + e.getMessage());
        }
    }

    @Conformance(id = "YMT-HLOA-003",
            title = "An actor's higher level never lifts a subject below the audience's minimum",
            requirements = { "REQ-LOA-2", "REQ-LOA-1", "REQ-TOK-3" }, negative = true)
    public void actorCannotRaiseTheSubjectsLevel(TestContext ctx) {
        VirtualMember department = department(ctx);
        Jwk key = department.identity().key();
        Map<String, String> actor = Map.of("actor_token", idToken(ctx, department, "parent", "urn:ymt:loa:high", key),
                "actor_token_type", ID_TOKEN);

        exchange(ctx, department, idToken(ctx, department, "child", "urn:ymt:loa:basic", key, "parent"), actor)
                .expectProblem(ProblemType.INSUFFICIENT_USER_AUTHENTICATION, "REQ-LOA-2: no exchange may raise the"
                        + " subject's basic level to the audience's substantial, not even through a high actor");
    }

    @Conformance(id = "YMT-HTOK-006", title = "A delegation whose actor token is forged is refused",
            requirements = { "REQ-TOK-3", "REQ-TOK-1" }, negative = true)
    public void forgedActorToken(TestContext ctx) {
        VirtualMember department = department(ctx);
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(department.identity().key().kid());
        Map<String, String> actor = Map.of("actor_token", idToken(ctx, department, "parent", "urn:ymt:loa:high",
                forger), "actor_token_type", ID_TOKEN);

        exchange(ctx, department, idToken(ctx, department, "child", SUBSTANTIAL, department.identity().key(),
                "parent"), actor)
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-TOK-3: the actor is verified like the subject");
    }

    @Conformance(id = "YMT-HTOK-007",
            title = "An actor is accepted only where the subject token's issuer vouches for it (may_act)",
            requirements = { "REQ-TOK-3" }, negative = true)
    public void actorNotVouchedFor(TestContext ctx) {
        VirtualMember department = department(ctx);
        Jwk key = department.identity().key();
        Map<String, String> actor = Map.of("actor_token", idToken(ctx, department, "stranger", "urn:ymt:loa:high",
                key), "actor_token_type", ID_TOKEN);

        for (String child : new String[]{ idToken(ctx, department, "child", SUBSTANTIAL, key),
                idToken(ctx, department, "child", SUBSTANTIAL, key, "parent") }) {
            HttpAnswer answer = exchange(ctx, department, child, actor).expectStatus(400, "REQ-TOK-3: two ID tokens"
                    + " alone prove no relationship: the subject token must name the actor in may_act");
            JsonNode refusal = answer.expectProblemBody(ProblemType.FORBIDDEN, "REQ-TOK-3");
            Check.equal("invalid_request", refusal.path("error").asText(), "error", "REQ-TOK-3 (RFC 8693 §2.2.2)");
        }
    }
}

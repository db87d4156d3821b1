package org.yimatong.conformance.plans.member;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the member publishes about itself: its entity configuration and its signing key set. */
public final class PublicationTests {

    private static final int COORDINATE_BYTES = 32;

    @Conformance(id = "YMT-DISC-001",
            title = "The entity configuration names the member, its parent hub, its algorithms and a jwks_uri serving its keys",
            requirements = { "REQ-KEY-1", "REQ-CRYPTO-1" })
    public void entityConfigurationDescribesTheMember(TestContext ctx) {
        JsonNode config = Published.entityConfiguration(ctx);
        JsonNode checked = ctx.config().target().allowPlainHttp() ? asIfHttps(config) : config;
        ContractSchemas.expectValid("entity-configuration.json", checked,
                "REQ-KEY-1: the entity configuration at /.well-known/yimatong");
        Check.equal(ctx.targetEntityId(), config.path("entityId").asText(), "entityId", "REQ-KEY-1");
        Check.equal("PLATFORM", config.path("kind").asText(), "kind", "REQ-KEY-1: a provincial platform");
        Check.equal(ctx.counterpart().self().entityId(), config.path("parent").asText(), "parent",
                "REQ-KEY-1: the member names the hub the suite plays (counterpart.entityId) as its parent");
        Check.that(config.path("endpoints").hasNonNull("verifications"),
                "REQ-KEY-1: the entity configuration lists the member's verifications endpoint");
        String jwksUri = config.path("jwks_uri").asText();
        JsonNode served = ctx.http().get(jwksUri).accept("application/jwk-set+json").send()
                .expectStatus(200, "REQ-KEY-1: jwks_uri serves the key set").json();
        Check.equal(Published.keySet(ctx), JwkSet.parse(served), "key set at jwks_uri",
                "REQ-KEY-1: jwks_uri and /member/v1/jwks serve the same keys");
        if (ctx.config().target().allowPlainHttp()) {
            ctx.note("http:// URLs accepted where the contract wants https:// (target.allowPlainHttp)");
        }
    }

    @Conformance(id = "YMT-KEY-001",
            title = "The key set is application/jwk-set+json, schema-valid, with unique kids, and holds the key of its codes",
            requirements = { "REQ-KEY-1" })
    public void keySetIsPublished(TestContext ctx) {
        var answer = ctx.http().get(MemberCalls.JWKS).accept("application/jwk-set+json").send();
        answer.expectStatus(200, "REQ-KEY-1: the member publishes its key set")
                .expectMediaType("application/jwk-set+json", "REQ-KEY-1: the key set's media type");
        JsonNode json = answer.json();
        ContractSchemas.expectValid("jwks.json", json, "REQ-KEY-1: the key set");
        Set<String> kids = new HashSet<>();
        for (JsonNode key : json.path("keys")) {
            Check.that(kids.add(key.path("kid").asText()), "REQ-KEY-1: kid " + key.path("kid").asText()
                    + " appears twice in the key set");
        }
        Check.that(!kids.isEmpty(), "REQ-KEY-1: the key set holds no key");
        String codeKid = ParsedJws.parseCompact(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code()).header()
                .kid();
        Check.that(kids.contains(codeKid), "REQ-KEY-1: a key is published before it signs; the code's kid "
                + codeKid + " is not in " + kids);
        ctx.note("kids " + kids);
    }

    @Conformance(id = "YMT-KEY-002", title = "Asking the key set as text/html is refused 406 not-acceptable",
            requirements = { "REQ-KEY-1", "REQ-ERR-1" }, negative = true)
    public void keySetRefusesOtherMediaTypes(TestContext ctx) {
        ctx.http().get(MemberCalls.JWKS).accept("text/html").send().expectProblem(ProblemType.NOT_ACCEPTABLE,
                "REQ-ERR-1: the key set exists only as application/jwk-set+json");
    }

    @Conformance(id = "YMT-CRYPTO-001",
            title = "Every published key is a signing key of SM2, ES256 or EdDSA; SM2 as EC/SM2 with 32-byte coordinates on the curve",
            requirements = { "REQ-CRYPTO-1" })
    public void publishedKeysFitTheProfiles(TestContext ctx) {
        JwkSet keys = Published.keySet(ctx); // importing checks curve membership and alg/crv agreement
        JsonNode raw = ctx.http().get(MemberCalls.JWKS).accept("application/jwk-set+json").send()
                .expectStatus(200, "REQ-KEY-1").json();
        for (JsonNode key : raw.path("keys")) {
            String kid = key.path("kid").asText();
            Check.that(!key.has("d"), "REQ-CRYPTO-1: the published key " + kid + " carries its private part d");
            Check.that(!key.has("use") || key.path("use").asText().equals("sig"),
                    "REQ-CRYPTO-1: key " + kid + " must be a signing key (use=sig)");
            if ("SM2".equals(key.path("crv").asText())) {
                Check.equal("EC", key.path("kty").asText(), "kty of SM2 key " + kid, "REQ-CRYPTO-1");
                Check.equal(COORDINATE_BYTES, Base64Url.decode(key.path("x").asText()).length, "x bytes of " + kid,
                        "REQ-CRYPTO-1");
                Check.equal(COORDINATE_BYTES, Base64Url.decode(key.path("y").asText()).length, "y bytes of " + kid,
                        "REQ-CRYPTO-1");
            }
        }
        long sm2 = keys.keys().stream().map(Jwk::profile).filter(p -> p == SignatureProfile.SM2).count();
        ctx.note(keys.keys().size() + " key(s), " + sm2 + " SM2");
    }

    @Conformance(id = "YMT-ERR-001",
            title = "An unknown member-API path is refused 404 not-found as a problem document",
            requirements = { "REQ-ERR-1" }, negative = true)
    public void unknownPathIsAProblem(TestContext ctx) {
        ctx.http().get("/member/v1/no-such-operation").accept("application/json").withClientAssertion().send()
                .expectProblem(ProblemType.NOT_FOUND, "REQ-ERR-1: every error is RFC 9457 problem+json");
    }

    /** A copy with http:// URL values read as https://, for test targets on plain loopback HTTP only. */
    private static JsonNode asIfHttps(JsonNode config) {
        ObjectNode copy = config.deepCopy();
        if (copy.path("jwks_uri").isTextual()) {
            copy.put("jwks_uri", https(copy.path("jwks_uri").asText()));
        }
        if (copy.path("endpoints").isObject()) {
            ObjectNode endpoints = (ObjectNode) copy.path("endpoints");
            List<String> names = new ArrayList<>();
            endpoints.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (endpoints.path(name).isTextual()) {
                    endpoints.put(name, https(endpoints.path(name).asText()));
                }
            }
        }
        return copy;
    }

    private static String https(String url) {
        return url.startsWith("http://") ? "https://" + url.substring("http://".length()) : url;
    }
}

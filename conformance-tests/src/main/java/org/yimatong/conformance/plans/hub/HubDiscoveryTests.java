package org.yimatong.conformance.plans.hub;

import java.util.ArrayList;
import java.util.List;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.JsonNode;

/** What a member learns about a hub before calling it: its entity configuration and its keys. */
public final class HubDiscoveryTests {

    @Conformance(id = "YMT-HDISC-001", title = "The hub publishes its entity configuration as a HUB",
            requirements = { "REQ-TOPO-2" })
    public void entityConfiguration(TestContext ctx) {
        HttpAnswer answer = ctx.http().get("/.well-known/yimatong").send();
        answer.expectStatus(200, "REQ-TOPO-2: every node serves /.well-known/yimatong")
                .expectMediaType("application/json", "REQ-TOPO-2");
        JsonNode config = answer.json();
        List<String> faults = new ArrayList<>(ContractSchemas.faults("entity-configuration.json", config));
        if (ctx.config().target().allowPlainHttp()) {
            faults.removeIf(fault -> fault.contains("^https://")); // a test target on plain loopback HTTP
        }
        Check.that(faults.isEmpty(), "REQ-TOPO-2: the entity configuration conforms to entity-configuration.json: "
                + String.join("; ", faults));
        Check.equal("HUB", config.path("kind").asText(), "kind", "REQ-TOPO-2: a hub says it is a hub");
        Check.equal(ctx.targetEntityId(), config.path("entityId").asText(), "entityId",
                "REQ-TOPO-2: the configuration names the hub");
    }

    @Conformance(id = "YMT-HDISC-002",
            title = "The hub's key set holds valid signing keys; SM2 keys have the SM2 JWK shape",
            requirements = { "REQ-KEY-1", "REQ-CRYPTO-1" })
    public void keySet(TestContext ctx) {
        HttpAnswer answer = ctx.http().get("/v1/jwks").send();
        answer.expectStatus(200, "REQ-KEY-1: the hub publishes its keys at /v1/jwks");
        JsonNode jwks = answer.json();
        ContractSchemas.expectValid("jwks.json", jwks, "REQ-KEY-1 (GET /v1/jwks)");
        Check.that(jwks.path("keys").size() > 0, "REQ-KEY-1: the hub's key set has at least one key");
        for (JsonNode key : jwks.path("keys")) {
            Check.that(!key.has("d"), "REQ-KEY-1: a published key set carries no private part (kid "
                    + key.path("kid").asText() + ")");
            Jwk parsed;
            try {
                parsed = Jwk.parse(key.toString());
            } catch (RuntimeException e) {
                throw Check.fail("REQ-CRYPTO-1: key " + key.path("kid").asText() + " is not a valid key of a v1"
                        + " profile: " + e.getMessage());
            }
            if (parsed.profile() == SignatureProfile.SM2) {
                Check.equal("EC", key.path("kty").asText(), "kty of SM2 key " + parsed.kid(), "REQ-CRYPTO-1");
                Check.equal(32, Base64Url.decode(key.path("x").asText()).length, "x length of " + parsed.kid(),
                        "REQ-CRYPTO-1: SM2 JWK coordinates are 32 bytes");
                Check.equal(32, Base64Url.decode(key.path("y").asText()).length, "y length of " + parsed.kid(),
                        "REQ-CRYPTO-1: SM2 JWK coordinates are 32 bytes");
            }
        }
    }
}

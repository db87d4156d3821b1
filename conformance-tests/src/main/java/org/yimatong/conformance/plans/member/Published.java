package org.yimatong.conformance.plans.member;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/** What the member publishes about itself, fetched once per run: its entity configuration and its key set. */
final class Published {

    private Published() {
    }

    /** {@code GET /.well-known/yimatong}, 200 and JSON (its schema is checked by its own test). */
    static JsonNode entityConfiguration(TestContext ctx) {
        return ctx.run().shared("published.entity-configuration", () -> ctx.http()
                .get(MemberCalls.ENTITY_CONFIGURATION).accept("application/json").send()
                .expectStatus(200, "REQ-KEY-1: the entity configuration at /.well-known/yimatong").json());
    }

    /** {@code GET /member/v1/jwks} parsed as keys (each checked on import: curve point, coordinate sizes). */
    static JwkSet keySet(TestContext ctx) {
        return ctx.run().shared("published.jwks", () -> {
            JsonNode json = ctx.http().get(MemberCalls.JWKS).accept("application/jwk-set+json").send()
                    .expectStatus(200, "REQ-KEY-1: the member's key set at /member/v1/jwks").json();
            try {
                return JwkSet.parse(json);
            } catch (ProblemException e) {
                throw Check.fail("REQ-CRYPTO-1: the member's key set does not import: " + e.getMessage()
                        + (e.errors().isEmpty() ? "" : " " + e.errors()));
            }
        });
    }
}

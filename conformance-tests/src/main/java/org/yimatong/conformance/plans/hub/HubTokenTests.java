package org.yimatong.conformance.plans.hub;

import java.util.Map;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** Introspection as a member reaches it black-box (REQ-TOK-4). */
public final class HubTokenTests {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Conformance(id = "YMT-HTOK-001",
            title = "Introspecting a token the hub never issued answers only {\"active\":false}",
            requirements = { "REQ-TOK-4", "REQ-PRIV-1" })
    public void unknownTokenIsInactiveAndNothingElse(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        JsonNode answer = ctx.http().post("/v1/introspect").form(Map.of("token", "eyJhbGciOiJub25lIn0.e30.",
                "client_id", member.entityId(), "client_assertion_type", JWT_BEARER,
                "client_assertion", member.assertionFor(ctx.targetEntityId()))).send()
                .expectJson(200, "introspection-response.json", "REQ-TOK-4: introspection answers RFC 7662");
        Check.equal("{\"active\":false}", answer.toString(), "the answer",
                "REQ-TOK-4: an inactive token answers only {\"active\":false}");
    }

    @Conformance(id = "YMT-HTOK-002", title = "Introspection without client authentication is refused",
            requirements = { "REQ-TOK-4", "REQ-AUTH-1" }, negative = true)
    public void introspectionNeedsAClient(TestContext ctx) {
        ctx.http().post("/v1/introspect").form(Map.of("token", "eyJhbGciOiJub25lIn0.e30.")).send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-TOK-4: introspection is for authenticated clients");
    }
}

package org.yimatong.conformance.plans.member;

import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.http.HttpCall;
import org.yimatong.schemas.payload.VerificationRequest;

/**
 * Calls of the member API as the hub makes them: a first hop ({@code Ymt-Hop: 7}, {@code Ymt-Path} the hub) with
 * the hub's fresh client assertion. A member that authenticates the hub by mutual TLS only ignores the assertion.
 */
final class MemberCalls {

    static final String VERIFICATIONS = "/member/v1/verifications";
    static final String GREEN_LOOKUPS = "/member/v1/green-lookups";
    static final String APPEALS = "/member/v1/appeals";
    static final String INTROSPECT = "/member/v1/introspect";
    static final String LIST_CHANGES = "/member/v1/list-changes";
    static final String JWKS = "/member/v1/jwks";
    static final String ENTITY_CONFIGURATION = "/.well-known/yimatong";

    /** Hops left after the hub's own hop (8 at the first hop, minus one). */
    static final String FIRST_HOP = "7";
    /** A checkpoint in Nanjing scanning a code: any valid checkpoint does. */
    static final VerificationRequest.Checkpoint CHECKPOINT = new VerificationRequest.Checkpoint(
            "ymt-conformance-gate-1", "320100", "TRANSPORT");
    static final String PURPOSE = "entry";

    private MemberCalls() {
    }

    /** {@code POST path} with the hub's routing headers and a fresh client assertion. */
    static HttpCall fromHub(TestContext ctx, String path) {
        return ctx.http().post(path).header("Ymt-Hop", FIRST_HOP)
                .header("Ymt-Path", ctx.counterpart().self().entityId()).withClientAssertion()
                .accept("application/json, application/problem+json");
    }

    static VerificationRequest verificationOf(String code) {
        return new VerificationRequest(code, CHECKPOINT, PURPOSE);
    }

    /** The hub asks the member about {@code code}. */
    static HttpAnswer verify(TestContext ctx, String code) {
        return fromHub(ctx, VERIFICATIONS).json(verificationOf(code)).send();
    }
}

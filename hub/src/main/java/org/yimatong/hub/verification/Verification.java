package org.yimatong.hub.verification;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.purposes.DisclosurePlan;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec.DecodedCode;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * One verification as it passes the route, immutable (with its {@link DisclosurePlan}, decided before it entered): each step answers a new one with what it learnt (the code's
 * claims, where it goes, the answer), which becomes the exchange body for the next. A failure is not kept here but
 * in the exchange ({@link UniStep#FAILURE}), for the audit step.
 */
public record Verification(VerificationRequest request, Caller caller, DisclosurePlan plan, Hops hops,
        long startedNanos, DecodedCode decoded, CodeClaims claims, NativeCode nativeCode, String nativeHome, Peer peer,
        Hops forwardedHops, VerificationResult result) {

    /** A verification as it arrives, nothing learnt yet. */
    public static Verification arriving(VerificationRequest request, Caller caller, DisclosurePlan plan, Hops hops,
            long startedNanos) {
        return new Verification(request, caller, plan, hops, startedNanos, null, null, null, null, null, null, null);
    }

    /** The code taken apart; its claims are not verified yet. */
    Verification decodedAs(DecodedCode code) {
        return new Verification(request, caller, plan, hops, startedNanos, code, code.claims(), null, null, peer,
                forwardedHops, result);
    }

    /** A platform's native code string, recognised by its dialect: where it comes from, nothing else (REQ-CODE-2). */
    Verification recognisedAs(NativeCode code) {
        return new Verification(request, caller, plan, hops, startedNanos, null, null, code, null, peer, forwardedHops,
                result);
    }

    /** The claims, once the issuer's signature checked out. */
    Verification verified(CodeClaims verifiedClaims) {
        return new Verification(request, caller, plan, hops, startedNanos, decoded, verifiedClaims, nativeCode,
                nativeHome,
                peer, forwardedHops, result);
    }

    /** The platform a native code belongs to, once this hub found it among its children. */
    Verification nativeOf(String home) {
        return new Verification(request, caller, plan, hops, startedNanos, decoded, claims, nativeCode, home, peer,
                forwardedHops, result);
    }

    /** The next node to ask, with the routing headers to send it. */
    Verification routedTo(Peer next, Hops forwarded) {
        return new Verification(request, caller, plan, hops, startedNanos, decoded, claims, nativeCode, nativeHome,
                next,
                forwarded, result);
    }

    Verification answered(VerificationResult answer) {
        return new Verification(request, caller, plan, hops, startedNanos, decoded, claims, nativeCode, nativeHome,
                peer,
                forwardedHops, answer);
    }

    /** The request as the next node gets it: asking only for what the plan allows (REQ-PRIV-1). */
    VerificationRequest forwardedRequest() {
        return plan.forward(request, peer.isHub());
    }

    /** The code's home, once decoded (a native code's: once this hub found the platform, else unknown here). */
    String home() {
        return claims != null ? claims.iss() : nativeHome;
    }

    boolean isNative() {
        return nativeCode != null;
    }

    /** What the audit names the code by: its {@code jti}, or a native code's id. */
    String codeId() {
        return claims != null ? claims.jti() : nativeCode == null ? null : nativeCode.codeId();
    }

    int latencyMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}

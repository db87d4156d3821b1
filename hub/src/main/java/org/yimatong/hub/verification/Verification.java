package org.yimatong.hub.verification;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec.DecodedCode;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * One verification as it passes the route, immutable: each step answers a new one with what it learnt (the code's
 * claims, where it goes, the answer), which becomes the exchange body for the next. A failure is not kept here but
 * in the exchange ({@link UniStep#FAILURE}), for the audit step.
 */
public record Verification(VerificationRequest request, Caller caller, Hops hops, long startedNanos,
        DecodedCode decoded, CodeClaims claims, Peer peer, Hops forwardedHops, VerificationResult result) {

    /** A verification as it arrives, nothing learnt yet. */
    public static Verification arriving(VerificationRequest request, Caller caller, Hops hops, long startedNanos) {
        return new Verification(request, caller, hops, startedNanos, null, null, null, null, null);
    }

    /** The code taken apart; its claims are not verified yet. */
    Verification decodedAs(DecodedCode code) {
        return new Verification(request, caller, hops, startedNanos, code, code.claims(), peer, forwardedHops, result);
    }

    /** The claims, once the issuer's signature checked out. */
    Verification verified(CodeClaims verifiedClaims) {
        return new Verification(request, caller, hops, startedNanos, decoded, verifiedClaims, peer, forwardedHops,
                result);
    }

    /** The next node to ask, with the routing headers to send it. */
    Verification routedTo(Peer next, Hops forwarded) {
        return new Verification(request, caller, hops, startedNanos, decoded, claims, next, forwarded, result);
    }

    Verification answered(VerificationResult answer) {
        return new Verification(request, caller, hops, startedNanos, decoded, claims, peer, forwardedHops, answer);
    }

    /** The code's home, once decoded. */
    String home() {
        return claims == null ? null : claims.iss();
    }

    int latencyMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}

package org.yimatong.hub.verification;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * One verification as it passes the route: the exchange body. Each step fills in what it learnt; a failure is
 * kept here too, so the audit step records it whatever happened before.
 */
public final class Verification {

    final VerificationRequest request;
    final Caller caller;
    final Hops hops;
    final long startedNanos;

    CodeClaims claims;
    Peer peer;
    Hops forwardedHops;
    VerificationResult result;
    Throwable failure;

    public Verification(VerificationRequest request, Caller caller, Hops hops, long startedNanos) {
        this.request = request;
        this.caller = caller;
        this.hops = hops;
        this.startedNanos = startedNanos;
    }

    public VerificationResult result() {
        return result;
    }

    /** The code's home, once decoded. */
    String home() {
        return claims == null ? null : claims.iss();
    }

    int latencyMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}

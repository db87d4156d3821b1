package org.yimatong.hub.green;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;

/**
 * One green lookup as it passes its route, immutable: the list answer, then (for {@code live=true}) the home's
 * answer merged in. A failure is kept in the exchange ({@link org.yimatong.hub.routes.UniStep#FAILURE}) for the
 * audit step.
 *
 * @param hops the routing headers it came with, for the live question; null when it wants no live answer
 */
public record GreenLookup(GreenLookupRequest request, Caller caller, Hops hops, long startedNanos,
        GreenLookupResult result) {

    public static GreenLookup arriving(GreenLookupRequest request, Caller caller, Hops hops, long startedNanos) {
        return new GreenLookup(request, caller, hops, startedNanos, null);
    }

    GreenLookup answered(GreenLookupResult answer) {
        return new GreenLookup(request, caller, hops, startedNanos, answer);
    }

    int latencyMs() {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}

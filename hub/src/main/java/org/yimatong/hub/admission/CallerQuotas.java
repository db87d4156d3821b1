package org.yimatong.hub.admission;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CallerIdentityProvider;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Per-caller quotas (REQ-HA-4): a token bucket per authenticated member or hub, refilled at its {@link QuotasConfig}
 * rate; a caller with none left is answered 429 {@code quota-exceeded} with the seconds until its next request in
 * {@code Retry-After}, before its request costs anything more. Operators and anonymous requests are not counted
 * (anonymous ones are refused anyway). Buckets exist only for authenticated callers, so there are at most as many
 * as registered members.
 */
@ApplicationScoped
public class CallerQuotas {

    private static final int MAX_BUCKETS = 100_000;

    private final QuotasConfig config;
    private final CurrentIdentityAssociation identities;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CallerQuotas(QuotasConfig config, CurrentIdentityAssociation identities, Clock clock) {
        this.config = config;
        this.identities = identities;
        this.clock = clock;
    }

    /** The identity may not be resolved yet (authentication is lazy): the filter waits for it without blocking. */
    @ServerRequestFilter
    public Uni<Response> charge() {
        if (!config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        // a caller whose credentials fail is refused by the endpoint's own security check, as without quotas
        return identities.getDeferredIdentity().map(this::charge).onFailure().recoverWithNull();
    }

    private Response charge(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return null;
        }
        Caller caller = identity.getAttribute(CallerIdentityProvider.CALLER_ATTRIBUTE);
        if (caller == null) {
            return null;
        }
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // only reachable if members churn without end: forgetting spent quota is the safe side
        }
        long waitMillis = buckets.computeIfAbsent(caller.entityId(), id -> new Bucket(quotaOf(caller), clock.millis()))
                .take(clock.millis());
        if (waitMillis == 0) {
            return null;
        }
        long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
        return Response.status(429).type(Problems.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(Problem.of(ProblemType.QUOTA_EXCEEDED, caller.entityId() + " has used its quota; the next"
                        + " request is accepted in " + retryAfter + " s", null, List.of()))
                .build();
    }

    private QuotasConfig.Quota quotaOf(Caller caller) {
        QuotasConfig.Quota own = config.members().get(caller.entityId());
        if (own != null) {
            return own;
        }
        return caller.isHub() ? config.hub() : config.platform();
    }

    /** Up to {@code requests} tokens, refilled continuously at {@code requests} per {@code per}. */
    static final class Bucket {
        private final double capacity;
        private final double perMilli;
        private double tokens;
        private long last;

        Bucket(QuotasConfig.Quota quota, long now) {
            this.capacity = quota.requests();
            this.perMilli = quota.requests() / (double) Math.max(1, quota.per().toMillis());
            this.tokens = capacity;
            this.last = now;
        }

        /** Takes one token: 0 when there was one, otherwise the milliseconds until there is. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perMilli);
            last = Math.max(last, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
        }
    }
}

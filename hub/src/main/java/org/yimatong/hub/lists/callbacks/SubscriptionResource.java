package org.yimatong.hub.lists.callbacks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.lists.ListCaller;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.payload.Subscription;
import org.yimatong.schemas.payload.SubscriptionRequest;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code POST /v1/lists/subscriptions}: a member asks to be called back when new changes exist. The callback URL
 * must lie under the member's registered base URL, so the hub never posts to a host the member does not run.
 */
@Path("/v1/lists/subscriptions")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class SubscriptionResource {

    private final Pool pool;
    private final CurrentCaller caller;
    private final Clock clock;
    private final int maxPerMember;

    public SubscriptionResource(Pool pool, CurrentCaller caller, Clock clock, ListsConfig config) {
        this.pool = pool;
        this.caller = caller;
        this.clock = clock;
        this.maxPerMember = config.callbacks().maxSubscriptions();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> subscribe(SubscriptionRequest request) {
        Member member = ListCaller.member(caller.get());
        if (request == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A body is required", List.of());
        }
        List<FieldError> errors = request.validate();
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid subscription", errors);
        }
        if (!isUnder(request.callbackUrl(), member.baseUrl())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid subscription",
                    List.of(new FieldError("/callbackUrl", "must be under the member's base URL " + member.baseUrl())));
        }
        List<String> prefixes = request.regionPrefixes() == null ? List.of() : request.regionPrefixes();
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), member.entityId(),
                request.callbackUrl(), prefixes, clock.instant());
        // bounded per member (REQ-HA-4): a member cannot make the hub call back without end
        return pool.preparedQuery("insert into list_subscription (id, member, callback_url, region_prefixes,"
                + " created_at) select $1, $2, $3, $4, $5"
                + " where (select count(*) from list_subscription where member = $2) < $6")
                .execute(Tuple.tuple(List.of(subscription.id(), subscription.member(),
                        subscription.callbackUrl().toString(), prefixes.toArray(String[]::new),
                        at(subscription.createdAt()), maxPerMember)))
                .map(done -> {
                    if (done.rowCount() == 0) {
                        throw new ProblemException(ProblemType.CONFLICT, member.entityId() + " has "
                                + maxPerMember + " subscriptions already, the most a member may have", List.of());
                    }
                    return Response.created(URI.create("/v1/lists/subscriptions/" + subscription.id()))
                            .entity(subscription).build();
                });
    }

    static boolean isUnder(URI url, URI base) {
        if (base == null || url == null) {
            return false;
        }
        URI normalized = url.normalize();
        String path = normalized.getRawPath() == null ? "" : normalized.getRawPath();
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String prefix = basePath.endsWith("/") ? basePath : basePath + "/";
        return normalized.getScheme().equalsIgnoreCase(base.getScheme())
                && normalized.getHost() != null && normalized.getHost().equalsIgnoreCase(base.getHost())
                && normalized.getPort() == base.getPort()
                && normalized.getRawUserInfo() == null
                && (path.equals(basePath) || path.startsWith(prefix));
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

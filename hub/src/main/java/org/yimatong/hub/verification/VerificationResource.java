package org.yimatong.hub.verification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.purposes.DisclosurePlan;
import org.yimatong.hub.purposes.PurposePolicies;
import org.yimatong.hub.routes.RouteCalls;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.introspection.Introspection;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/verifications}: validates the request and hands it to the verification route on the calling
 * thread (the event loop), through the route's own asynchronous producer; nothing here waits. The subject's list
 * pseudonym stays inside the tree: it is answered to hubs only.
 */
@Path("/v1/verifications")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class VerificationResource {

    private final RouteCalls routes;
    private final CurrentCaller caller;
    private final VerificationConfig config;
    private final PurposePolicies purposes;
    private final Introspection sessions;

    public VerificationResource(RouteCalls routes, CurrentCaller caller, VerificationConfig config,
            PurposePolicies purposes, Introspection sessions) {
        this.routes = routes;
        this.caller = caller;
        this.config = config;
        this.purposes = purposes;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VerificationResult> verify(@HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path, VerificationRequest request) {
        Validation.requireValid(request);
        Caller who = caller.get();
        // refused here, before anything is sent anywhere: an unknown purpose, a disclosure or rule it never allows
        DisclosurePlan plan = DisclosurePlan.of(purposes.current(), request, levelOf(request, who), who.isHub());
        Verification verification = Verification.arriving(request, who, plan,
                Hops.sentBy(hop, path, who.entityId(), who.isHub()), System.nanoTime());
        return routes.request(config.routeUri(), verification, Verification.class).map(done -> {
            VerificationResult result = done.result();
            // only a hub gets the list pseudonym, to merge with its own list state on the way back (REQ-VER-5)
            return who.isHub() ? result : result.withoutListSub();
        });
    }

    /**
     * The caller's level of assurance for the purpose policy: that of its operator's session, a hub access token this
     * hub issued to the caller; anonymous without one. A hub on the way has decided for its own caller already.
     */
    private LevelOfAssurance levelOf(VerificationRequest request, Caller who) {
        if (request.operatorToken() == null || who.isHub()) {
            return LevelOfAssurance.ANONYMOUS;
        }
        IntrospectionResponse session = sessions.introspect(request.operatorToken(), who.entityId());
        if (!session.active()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "operatorToken is not an active session this hub"
                    + " issued to " + who.entityId());
        }
        return LevelOfAssurance.fromUri(session.acr()).orElse(LevelOfAssurance.ANONYMOUS);
    }
}

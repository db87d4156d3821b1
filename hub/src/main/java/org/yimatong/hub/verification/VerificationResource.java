package org.yimatong.hub.verification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Validation;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/verifications}: validates the request and hands it to the verification route on the calling
 * thread (the event loop), through the route's own asynchronous producer; nothing here waits. The subject's list
 * pseudonym stays inside the tree: it is answered to hubs only.
 */
@Path("/v1/verifications")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class VerificationResource {

    private final CamelContext camel;
    private final CurrentCaller caller;
    private final VerificationConfig config;
    private volatile AsyncProducer producer;

    public VerificationResource(CamelContext camel, CurrentCaller caller, VerificationConfig config) {
        this.camel = camel;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<VerificationResult> verify(@HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path, VerificationRequest request) throws Exception {
        Validation.requireValid(request);
        Caller who = caller.get();
        Verification verification = Verification.arriving(request, who,
                Hops.sentBy(hop, path, who.entityId(), who.isHub()), System.nanoTime());
        AsyncProducer route = producer();
        Exchange exchange = route.getEndpoint().createExchange(ExchangePattern.InOut);
        exchange.getMessage().setBody(verification);
        return Uni.createFrom().completionStage(() -> route.processAsync(exchange)).map(done -> {
            if (done.getException() != null) {
                throw rethrowable(done.getException());
            }
            VerificationResult result = done.getMessage().getBody(Verification.class).result();
            // only a hub gets the list pseudonym, to merge with its own list state on the way back (REQ-VER-5)
            return who.isHub() ? result : result.withoutListSub();
        });
    }

    private static RuntimeException rethrowable(Throwable failure) {
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    private AsyncProducer producer() throws Exception {
        AsyncProducer p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    AsyncProducer created = camel.getEndpoint(config.routeUri()).createAsyncProducer();
                    created.start();
                    producer = created;
                }
                p = producer;
            }
        }
        return p;
    }
}

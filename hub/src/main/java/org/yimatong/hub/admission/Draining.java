package org.yimatong.hub.admission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Graceful shutdown that stops taking requests (REQ-HA-3). Quarkus's own graceful shutdown waits for the requests in
 * flight but keeps serving new ones (each with {@code Connection: close}), so under a steady load the count never
 * reaches zero and the instance stops only at {@code quarkus.shutdown.timeout}, cutting what it holds. Once shutdown
 * has begun ({@link ShutdownDelayInitiatedEvent}, with {@code quarkus.shutdown.delay-enabled}) and its
 * {@code quarkus.shutdown.delay} has passed (the time a load balancer takes to stop sending this instance requests:
 * 5 s in the Kubernetes manifests, none by default), this answers every new request 503 {@code overloaded} with
 * {@code Retry-After} before anything runs, so a client asks another instance, and the ones in flight finish with
 * their audit rows committed. Health probes still answer (readiness is down from the start of the delay).
 */
@ApplicationScoped
public class Draining {

    private final Buffer refusal;
    private final Vertx vertx;
    private final Optional<Duration> delay;
    private volatile boolean draining;

    public Draining(ObjectMapper mapper, Vertx vertx,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) throws JsonProcessingException {
        this.refusal = Buffer.buffer(mapper.writeValueAsBytes(Problem.of(ProblemType.OVERLOADED,
                "This hub instance is shutting down; ask another instance of the hub", null, List.of())));
        this.vertx = vertx;
        this.delay = delay.filter(d -> !d.isNegative() && !d.isZero());
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::admit);
    }

    void shuttingDown(@Observes ShutdownDelayInitiatedEvent event) {
        delay.ifPresentOrElse(d -> vertx.setTimer(d.toMillis(), timer -> draining = true), () -> draining = true);
    }

    void admit(RoutingContext context) {
        if (!draining || OverloadShedding.isProbe(context)) {
            context.next();
            return;
        }
        context.response().putHeader("Connection", "close");
        OverloadShedding.unavailable(context, refusal);
    }
}

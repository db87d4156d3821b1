package org.yimatong.hub.admission;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Graceful shutdown that stops taking requests (REQ-HA-3). Quarkus's own graceful shutdown waits for the requests in
 * flight but keeps serving new ones (each with {@code Connection: close}), so under a steady load the count never
 * reaches zero and the instance stops only at {@code quarkus.shutdown.timeout}, cutting what it holds. From the first
 * shutdown phase ({@link ShutdownDelayInitiatedEvent}, with {@code quarkus.shutdown.delay-enabled}) this answers every
 * new request 503 {@code overloaded} with {@code Retry-After} before anything runs, so a client asks another instance,
 * and the ones in flight finish with their audit rows committed. Health probes still answer (readiness goes down).
 */
@ApplicationScoped
public class Draining {

    private final Buffer refusal;
    private volatile boolean draining;

    public Draining(ObjectMapper mapper) throws JsonProcessingException {
        this.refusal = Buffer.buffer(mapper.writeValueAsBytes(Problem.of(ProblemType.OVERLOADED,
                "This hub instance is shutting down; ask another instance of the hub", null, List.of())));
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::admit);
    }

    void shuttingDown(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    void admit(RoutingContext context) {
        if (!draining || context.request().path().startsWith("/q/")) {
            context.next();
            return;
        }
        context.response().setStatusCode(503).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Retry-After", String.valueOf(Problems.RETRY_AFTER_SECONDS))
                .putHeader("Connection", "close").end(refusal);
    }
}

package org.yimatong.hub.admission;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Load shedding by a cap on the requests in flight ({@code ymt.overload.max-in-flight}): past it a request is
 * answered 503 {@code overloaded} as problem+json with {@code Retry-After} before anything else runs (no
 * authentication, body or database work), so the admitted ones keep their latency. By Little's law the cap bounds
 * the time an admitted request queues to cap / throughput: 256 at 2,000 verifications a second is about 130 ms, and
 * it leaves room for requests that wait on a slow home rather than on the CPU.
 * <p>
 * quarkus-load-shedding's adaptive detector was tried first (bench/RESULTS.md): on a cold JVM it cut its limit to
 * about 20 and shed 97 % of a closed-loop load it could have served, and with factors large enough to avoid that
 * its limit swung up to several hundred. A fixed cap is predictable and is sized per deployment.
 * <p>
 * Health probes are never shed: an overloaded instance is alive.
 */
@ApplicationScoped
public class OverloadShedding {

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Buffer overloaded;

    public OverloadShedding(@ConfigProperty(name = "ymt.overload.max-in-flight", defaultValue = "256") int maxInFlight,
            ObjectMapper mapper) throws JsonProcessingException {
        this.maxInFlight = maxInFlight;
        this.overloaded = Buffer.buffer(mapper.writeValueAsBytes(Problem.of(ProblemType.OVERLOADED,
                "This hub is at capacity; retry after the Retry-After delay", null, List.of())));
    }

    void install(@Observes Router router) {
        if (maxInFlight > 0) {
            router.route().order(-2).handler(this::admit);
        }
    }

    void admit(RoutingContext context) {
        if (isProbe(context)) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            unavailable(context, overloaded);
            return;
        }
        context.addEndHandler(done -> inFlight.decrementAndGet());
        context.next();
    }

    /** A health probe ({@code /q/...}): never turned away, an instance at capacity or stopping is still alive. */
    static boolean isProbe(RoutingContext context) {
        return context.request().path().startsWith("/q/");
    }

    /** Answers 503 with the problem {@code problem} and {@code Retry-After}, before anything else runs. */
    static void unavailable(RoutingContext context, Buffer problem) {
        context.response().setStatusCode(503).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Retry-After", String.valueOf(Problems.RETRY_AFTER_SECONDS)).end(problem);
    }
}

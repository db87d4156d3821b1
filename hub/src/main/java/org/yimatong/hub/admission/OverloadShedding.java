package org.yimatong.hub.admission;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.problem.Problems;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.load.shedding.runtime.OverloadDetector;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Load shedding with quarkus-load-shedding's overload detector (an adaptive concurrency limit after TCP Vegas: it
 * shrinks as latency grows), answered our way: 503 {@code overloaded} as problem+json with {@code Retry-After}, where
 * the extension's own handler (switched off by {@code quarkus.load-shedding.enabled=false}) ends an empty 503. A
 * request is judged before anything else runs, so a shed one costs no authentication, body or database work, and
 * the admitted ones keep their latency. Health probes are never shed: an overloaded instance is alive.
 */
@ApplicationScoped
public class OverloadShedding {

    private final OverloadDetector detector;
    private final boolean enabled;
    private final Buffer overloaded;

    public OverloadShedding(OverloadDetector detector,
            @ConfigProperty(name = "ymt.overload.shedding", defaultValue = "true") boolean enabled,
            ObjectMapper mapper) throws JsonProcessingException {
        this.detector = detector;
        this.enabled = enabled;
        this.overloaded = Buffer.buffer(mapper.writeValueAsBytes(Problem.of(ProblemType.OVERLOADED,
                "This hub is at capacity; retry after the Retry-After delay", null, List.of())));
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(-2).handler(this::admit);
        }
    }

    void admit(RoutingContext context) {
        if (context.request().path().startsWith("/q/")) {
            context.next();
            return;
        }
        if (detector.isOverloaded()) {
            context.response().setStatusCode(503).putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .putHeader("Retry-After", String.valueOf(Problems.RETRY_AFTER_SECONDS))
                    .end(overloaded);
            return;
        }
        detector.requestBegin();
        long started = System.nanoTime();
        // the detector counts in microseconds
        context.addEndHandler(done -> detector.requestEnd((System.nanoTime() - started) / 1_000));
        context.next();
    }
}

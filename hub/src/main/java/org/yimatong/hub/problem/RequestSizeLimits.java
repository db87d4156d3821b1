package org.yimatong.hub.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Two body limits on one server: {@code quarkus.http.limits.max-body-size} is a single global check, set to the
 * largest batch upload, so every other request is held here to {@code ymt.http.json-body-limit-bytes} by its
 * {@code Content-Length} before any handler reads it: 413 {@code payload-too-large}. Only
 * {@code POST /v1/lists/batches} may exceed it.
 */
@ApplicationScoped
public class RequestSizeLimits {

    static final String BATCH_UPLOAD = "/v1/lists/batches";

    private final long limit;
    private final byte[] tooLarge;

    public RequestSizeLimits(@ConfigProperty(name = "ymt.http.json-body-limit-bytes", defaultValue = "65536") long limit,
            ObjectMapper mapper) throws JsonProcessingException {
        this.limit = limit;
        this.tooLarge = mapper.writeValueAsBytes(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "Request bodies are limited to " + limit + " bytes here", null, List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(-1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && !isBatchUpload(context) && exceeds(length)) {
            context.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(io.vertx.core.buffer.Buffer.buffer(tooLarge));
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    private static boolean isBatchUpload(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && BATCH_UPLOAD.equals(context.request().path());
    }
}

package org.yimatong.hub.problem;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Two body limits on one server: {@code quarkus.http.limits.max-body-size} is a single global check, set to the
 * largest batch upload, so every other request is held here to {@code ymt.http.json-body-limit-bytes} by its
 * {@code Content-Length} before any handler reads it, or, for a body sent without one (chunked), as it is read
 * here: 413 {@code payload-too-large}. Two uploads are larger by
 * nature: {@code POST /v1/lists/batches} (held only by the global limit) and an operator's conformance report
 * {@code POST /v1/admin/members/{id}/conformance-reports}, which carries every HTTP exchange of a run (held to
 * {@code ymt.http.report-body-limit-bytes}).
 */
@ApplicationScoped
public class RequestSizeLimits {

    static final String BATCH_UPLOAD = "/v1/lists/batches";
    static final Pattern REPORT_UPLOAD = Pattern.compile("/v1/admin/members/[^/]+/conformance-reports");

    private final long limit;
    private final long reportLimit;
    private final byte[] tooLarge;
    private final byte[] reportTooLarge;
    private final BodyHandler bodies;
    private final BodyHandler reportBodies;

    public RequestSizeLimits(@ConfigProperty(name = "ymt.http.json-body-limit-bytes",
            defaultValue = "65536") long limit,
            @ConfigProperty(name = "ymt.http.report-body-limit-bytes", defaultValue = "16777216") long reportLimit,
            ObjectMapper mapper) throws JsonProcessingException {
        this.limit = limit;
        this.reportLimit = reportLimit;
        this.tooLarge = tooLarge(mapper, limit);
        this.reportTooLarge = tooLarge(mapper, reportLimit);
        this.bodies = BodyHandler.create(false).setBodyLimit(limit);
        this.reportBodies = BodyHandler.create(false).setBodyLimit(reportLimit);
    }

    private static byte[] tooLarge(ObjectMapper mapper, long limit) throws JsonProcessingException {
        return mapper.writeValueAsBytes(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "Request bodies are limited to " + limit + " bytes here", null, List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(-1).handler(this::check).failureHandler(this::failed);
    }

    private void check(RoutingContext context) {
        if (isBatchUpload(context)) {
            context.next();
            return;
        }
        boolean report = isReportUpload(context);
        String length = context.request().getHeader("Content-Length");
        if (length == null) {
            if (isChunked(context)) {
                // a body without a length is read here, bounded, before any resource sees it
                (report ? reportBodies : bodies).handle(context);
            } else {
                context.next(); // no body at all
            }
            return;
        }
        if (exceeds(length, report ? reportLimit : limit)) {
            tooLarge(context, report);
            return;
        }
        context.next();
    }

    /** The body handler's refusal of a chunked body past the limit, as a problem. */
    private void failed(RoutingContext context) {
        if (context.statusCode() == 413) {
            tooLarge(context, isReportUpload(context));
            return;
        }
        context.next();
    }

    private void tooLarge(RoutingContext context, boolean report) {
        context.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(io.vertx.core.buffer.Buffer.buffer(report ? reportTooLarge : tooLarge));
    }

    private static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    private static boolean isChunked(RoutingContext context) {
        String encoding = context.request().getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean isReportUpload(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && REPORT_UPLOAD.matcher(context.request().path())
                .matches();
    }

    private static boolean isBatchUpload(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && BATCH_UPLOAD.equals(context.request().path());
    }
}

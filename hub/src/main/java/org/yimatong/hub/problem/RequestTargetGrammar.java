package org.yimatong.hub.problem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Identifiers have a grammar (REQ-ERR-2), and the first of them arrive in the request target: a path or query
 * that, decoded, holds a control character (a NUL, a line break), a malformed percent-escape, or that is longer
 * than any identifier of the contract needs, is refused with 400 {@code validation-failed} before any resource,
 * lookup or table sees it.
 */
@ApplicationScoped
public class RequestTargetGrammar {

    private static final int MAX_PATH = 1024;
    private static final int MAX_QUERY = 2048;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

    private final byte[] refusal;

    public RequestTargetGrammar(ObjectMapper mapper) throws JsonProcessingException {
        this.refusal = mapper.writeValueAsBytes(Problem.of(ProblemType.VALIDATION_FAILED,
                "The request target is not acceptable: no control characters, valid percent-escapes, a path of at most "
                        + MAX_PATH + " and a query of at most " + MAX_QUERY + " characters",
                null, List.of(new FieldError("/target", "printable, well-escaped and bounded"))));
    }

    void install(@Observes Router router) {
        router.route().order(-2).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        String query = context.request().query();
        if (acceptable(path, MAX_PATH) && (query == null || acceptable(query, MAX_QUERY))) {
            context.next();
            return;
        }
        context.response().setStatusCode(400).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(Buffer.buffer(refusal));
    }

    private static boolean acceptable(String raw, int maxLength) {
        if (raw == null || raw.length() > maxLength) {
            return raw == null;
        }
        try {
            return !CONTROL.matcher(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8)).find();
        } catch (IllegalArgumentException malformedEscape) {
            return false;
        }
    }
}

package org.yimatong.conformance.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yimatong.conformance.engine.ConformanceFailure;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of the target, unredacted (only the recorded copy is redacted), with the expectations tests put on it.
 * Each {@code expect...} throws {@link ConformanceFailure} naming the requirement ({@code why}) and what came.
 */
public final class HttpAnswer {

    public static final String PROBLEM_TYPE = "application/problem+json";

    private final String what;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Duration elapsed;

    HttpAnswer(String what, int status, Map<String, List<String>> headers, byte[] body, Duration elapsed) {
        this.what = what;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.elapsed = elapsed;
    }

    /** {@code METHOD path}, for messages. */
    public String what() {
        return what;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** The media type without parameters, lower case; empty string if none. */
    public String mediaType() {
        return header("Content-Type").map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Time from sending the request to the last byte of the answer. */
    public Duration elapsed() {
        return elapsed;
    }

    /** The body as JSON (strict: duplicate members refused), or a failure saying the answer is not JSON. */
    public JsonNode json() {
        try {
            return StrictJson.read(body);
        } catch (IOException | RuntimeException e) {
            throw new ConformanceFailure(what + " answered " + status + " with a body that is not valid JSON: "
                    + shortText());
        }
    }

    public HttpAnswer expectStatus(int expected, String why) {
        if (status != expected) {
            throw new ConformanceFailure(why + ": expected HTTP " + expected + " from " + what + ", got " + status
                    + describeBody());
        }
        return this;
    }

    public HttpAnswer expectMediaType(String expected, String why) {
        if (!mediaType().equals(expected)) {
            throw new ConformanceFailure(why + ": expected Content-Type " + expected + " from " + what + ", got "
                    + (mediaType().isEmpty() ? "none" : mediaType()));
        }
        return this;
    }

    /** Status {@code expected}, a JSON body valid against {@code schema} (a file under {@code schemas/}). */
    public JsonNode expectJson(int expected, String schema, String why) {
        expectStatus(expected, why);
        expectMediaType("application/json", why);
        JsonNode json = json();
        ContractSchemas.expectValid(schema, json, why + " (" + what + ")");
        return json;
    }

    /**
     * An RFC 9457 refusal of the given type (REQ-ERR-1): its status, {@code application/problem+json}, a body valid
     * against {@code problem.json} whose {@code type} is the type's URI and whose {@code status} is the HTTP status.
     */
    public JsonNode expectProblem(ProblemType type, String why) {
        if (status != type.status()) {
            throw new ConformanceFailure(why + ": expected " + type.status() + " " + type.slug() + " from " + what
                    + ", got " + status + describeBody());
        }
        return expectProblemBody(type, why);
    }

    /** The problem document checks of {@link #expectProblem} without the status check. */
    public JsonNode expectProblemBody(ProblemType type, String why) {
        expectMediaType(PROBLEM_TYPE, why + " (REQ-ERR-1: refusals are RFC 9457 problem documents)");
        JsonNode json = json();
        ContractSchemas.expectValid("problem.json", json, why + " (REQ-ERR-1, " + what + ")");
        String actualType = json.path("type").asText();
        if (!actualType.equals(type.uri().toString())) {
            throw new ConformanceFailure(why + ": expected problem type " + type.uri() + " from " + what + ", got "
                    + actualType);
        }
        if (json.path("status").asInt() != status) {
            throw new ConformanceFailure("REQ-ERR-1: the problem's status " + json.path("status") + " differs from"
                    + " the HTTP status " + status + " (" + what + ")");
        }
        return json;
    }

    private String describeBody() {
        return body.length == 0 ? " (no body)" : ": " + shortText();
    }

    /** The body for a failure message: redacted, at most 300 characters. */
    private String shortText() {
        String text = Redaction.body(body, mediaType());
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}

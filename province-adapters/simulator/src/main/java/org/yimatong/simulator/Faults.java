package org.yimatong.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The faults the simulator plays, for demos and the conformance suite. They apply to the member API
 * ({@code /member/v1/...} and {@code /.well-known/yimatong}), never to the simulator-only {@code /sim/...} paths.
 *
 * @param latencyMs delay before every member-API answer
 * @param errorRate share of member-API requests answered 500 {@code internal}, 0..1
 * @param down the member-API listener is closed: callers get "connection refused"
 * @param wrongColour verification and green-lookup answers carry the next colour (GREEN to YELLOW to RED to GREEN)
 * @param acceptExpired expired codes verify as if checked when they were issued
 * @param malformedAnswers verification and green-lookup answers are 200 but outside the contract (no validity)
 */
public record Faults(long latencyMs, double errorRate, boolean down, boolean wrongColour, boolean acceptExpired,
        boolean malformedAnswers) {

    public static final Faults NONE = new Faults(0, 0.0, false, false, false, false);

    public Faults {
        if (latencyMs < 0 || latencyMs > 600_000) {
            throw new IllegalArgumentException("latencyMs must be 0..600000");
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be 0..1");
        }
    }

    public Faults withLatencyMs(long value) {
        return new Faults(value, errorRate, down, wrongColour, acceptExpired, malformedAnswers);
    }

    public Faults withErrorRate(double value) {
        return new Faults(latencyMs, value, down, wrongColour, acceptExpired, malformedAnswers);
    }

    public Faults withDown(boolean value) {
        return new Faults(latencyMs, errorRate, value, wrongColour, acceptExpired, malformedAnswers);
    }

    public Faults withWrongColour(boolean value) {
        return new Faults(latencyMs, errorRate, down, value, acceptExpired, malformedAnswers);
    }

    public Faults withAcceptExpired(boolean value) {
        return new Faults(latencyMs, errorRate, down, wrongColour, value, malformedAnswers);
    }

    public Faults withMalformedAnswers(boolean value) {
        return new Faults(latencyMs, errorRate, down, wrongColour, acceptExpired, value);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("latencyMs", latencyMs);
        node.put("errorRate", errorRate);
        node.put("down", down);
        node.put("wrongColour", wrongColour);
        node.put("acceptExpired", acceptExpired);
        node.put("malformedAnswers", malformedAnswers);
        return node;
    }

    /**
     * These faults with the members of {@code patch} changed (a partial update, as {@code POST /sim/faults} takes).
     *
     * @throws ProblemException {@code validation-failed} naming every unknown member or bad value
     */
    public Faults patch(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "faults must be a JSON object",
                    List.of(new FieldError("", "a JSON object is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        Faults result = this;
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode v = field.getValue();
            String pointer = "/" + field.getKey();
            try {
                result = switch (field.getKey()) {
                    case "latencyMs" -> v.isIntegralNumber() ? result.withLatencyMs(v.longValue()) : bad(pointer);
                    case "errorRate" -> v.isNumber() ? result.withErrorRate(v.doubleValue()) : bad(pointer);
                    case "down" -> v.isBoolean() ? result.withDown(v.booleanValue()) : bad(pointer);
                    case "wrongColour" -> v.isBoolean() ? result.withWrongColour(v.booleanValue()) : bad(pointer);
                    case "acceptExpired" -> v.isBoolean() ? result.withAcceptExpired(v.booleanValue()) : bad(pointer);
                    case "malformedAnswers" -> v.isBoolean() ? result.withMalformedAnswers(v.booleanValue())
                            : bad(pointer);
                    default -> throw new IllegalArgumentException("unknown fault");
                };
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(pointer, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.size() + " fault setting(s) invalid",
                    errors);
        }
        return result;
    }

    private static Faults bad(String pointer) {
        throw new IllegalArgumentException("wrong type");
    }
}

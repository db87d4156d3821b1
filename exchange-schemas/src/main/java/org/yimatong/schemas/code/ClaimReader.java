package org.yimatong.schemas.code;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the members of a JWT claims set (RFC 7519) for the codes of this package. A member of the wrong JSON type is
 * one field error and {@code null}, so the claims' own {@code validate()} still reports everything else.
 */
final class ClaimReader {

    private ClaimReader() {
    }

    /** The payload as a JSON object, read strictly (no duplicate members, nothing after it). */
    static JsonNode object(byte[] payload, String what) {
        JsonNode node;
        try {
            node = StrictJson.read(payload);
        } catch (IOException e) {
            throw new JoseException(ProblemType.CODE_MALFORMED, what + " payload is not valid JSON", e);
        }
        if (!node.isObject()) {
            throw new JoseException(ProblemType.CODE_MALFORMED, what + " payload is not a JSON object");
        }
        return node;
    }

    static String text(JsonNode node, String name, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value != null && !value.isNull() && !value.isTextual()) {
            errors.add(new FieldError("/" + name, "must be a string"));
            return null;
        }
        return value == null || value.isNull() ? null : value.textValue();
    }

    /** An RFC 7519 NumericDate; fractions are refused, since every code of v1 is signed in whole seconds. */
    static Instant numericDate(JsonNode node, String name, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(new FieldError("/" + name, "must be a NumericDate in whole seconds"));
            return null;
        }
        try {
            return Instant.ofEpochSecond(value.longValue());
        } catch (DateTimeException e) {
            errors.add(new FieldError("/" + name, "out of range"));
            return null;
        }
    }
}

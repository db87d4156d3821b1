package org.yimatong.schemas.payload.validation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.yimatong.schemas.problem.FieldError;

/**
 * Collects field errors; each check records at most one error for its pointer and never stops the others, so a
 * request learns about all its faults at once.
 */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    public static FieldChecks start() {
        return new FieldChecks();
    }

    /** Records "is required" when the value is null or a blank string; returns whether it is present. */
    public boolean present(String pointer, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            fail(pointer, "is required");
            return false;
        }
        return true;
    }

    public FieldChecks required(String pointer, Object value) {
        present(pointer, value);
        return this;
    }

    /** Checks the pattern when the value is present. */
    public FieldChecks matches(String pointer, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            fail(pointer, "must match " + pattern.pattern());
        }
        return this;
    }

    public FieldChecks requiredMatching(String pointer, String value, Pattern pattern) {
        if (present(pointer, value)) {
            matches(pointer, value, pattern);
        }
        return this;
    }

    /** Checks every element of a list against a pattern; pointers name the element ({@code /regionPrefixes/2}). */
    public FieldChecks eachMatches(String pointer, Collection<String> values, Pattern pattern) {
        if (values != null) {
            int i = 0;
            for (String v : values) {
                String p = pointer + "/" + i++;
                if (present(p, v)) {
                    matches(p, v, pattern);
                }
            }
        }
        return this;
    }

    public FieldChecks notEmpty(String pointer, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            fail(pointer, "must not be empty");
        }
        return this;
    }

    public FieldChecks length(String pointer, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            fail(pointer, "length must be between " + min + " and " + max);
        }
        return this;
    }

    public FieldChecks range(String pointer, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            fail(pointer, "must be between " + min + " and " + max);
        }
        return this;
    }

    /** {@link #isHttpsOrLoopback} for a field. */
    public FieldChecks httpsOrLoopback(String pointer, URI value) {
        if (value != null && !isHttpsOrLoopback(value)) {
            fail(pointer, "must be an absolute https URL (plain http only to localhost)");
        }
        return this;
    }

    /**
     * An absolute https URL, or plain http to a loopback host (a one-machine federation, a test, a sidecar proxy):
     * nothing the hub sends or fetches crosses a network in clear.
     */
    public static boolean isHttpsOrLoopback(URI value) {
        String scheme = value.getScheme();
        if (!value.isAbsolute() || value.getHost() == null) {
            return false;
        }
        return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)
                && java.util.Set.of("localhost", "127.0.0.1", "[::1]").contains(value.getHost().toLowerCase(
                        java.util.Locale.ROOT));
    }

    /** Free text must not carry anything that looks like a resident ID number (REQ-PRIV-1). */
    public FieldChecks noIdNumber(String pointer, String text) {
        if (text != null && Patterns.ID_NUMBER_LIKE.matcher(text).find()) {
            fail(pointer, "must not contain an ID number");
        }
        return this;
    }

    public FieldChecks check(boolean ok, String pointer, String detail) {
        if (!ok) {
            fail(pointer, detail);
        }
        return this;
    }

    /** Adds the errors of a nested payload under {@code prefix}. */
    public FieldChecks nested(String prefix, List<FieldError> nestedErrors) {
        for (FieldError e : nestedErrors) {
            fail(prefix + e.pointer(), e.detail());
        }
        return this;
    }

    /** Records an error unless this pointer already has one: the first fault of a field is the one reported. */
    public FieldChecks fail(String pointer, String detail) {
        if (errors.stream().noneMatch(e -> e.pointer().equals(pointer))) {
            errors.add(new FieldError(pointer, detail));
        }
        return this;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}

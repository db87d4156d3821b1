package org.yimatong.schemas.problem;

/**
 * One field-level fault inside a problem's {@code errors[]}. {@code pointer} is a JSON Pointer (RFC 6901)
 * into the request body, or {@code /line/<n>} for a line of an NDJSON body.
 */
public record FieldError(String pointer, String detail) {}

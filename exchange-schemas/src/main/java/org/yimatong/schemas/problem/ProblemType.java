package org.yimatong.schemas.problem;

import java.net.URI;
import java.util.Optional;

/**
 * Every problem type of the v1 contract (DESIGN.md §10). The slug is the stable part of the RFC 9457
 * {@code type} URI; members and the conformance suite match on it, so a slug never changes once published.
 */
public enum ProblemType {
    // The caller's request
    VALIDATION_FAILED("validation-failed", 400, "Request validation failed"),
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request body"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_FOUND("not-found", 404, "Resource not found"),
    CONFLICT("conflict", 409, "Conflicting state"),

    // Who is calling
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    INVALID_CLIENT_ASSERTION("invalid-client-assertion", 401, "Invalid client assertion"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    MEMBER_SUSPENDED("member-suspended", 403, "Member suspended"),
    INSUFFICIENT_USER_AUTHENTICATION("insufficient-user-authentication", 401,
            "Insufficient user authentication"),

    // Signed objects: dynamic codes, tokens, batch signatures
    CODE_MALFORMED("code-malformed", 400, "Malformed code"),
    CODE_WRONG_TYPE("code-wrong-type", 400, "Wrong token type"),
    ALGORITHM_NOT_ALLOWED("algorithm-not-allowed", 400, "Signature algorithm not allowed"),
    ALGORITHM_KEY_MISMATCH("algorithm-key-mismatch", 400, "Signature algorithm does not match the key"),
    UNKNOWN_ISSUER("unknown-issuer", 400, "Unknown issuer"),
    UNKNOWN_KEY("unknown-key", 400, "Unknown signing key"),
    SIGNATURE_INVALID("signature-invalid", 400, "Invalid signature"),
    CODE_EXPIRED("code-expired", 400, "Code expired"),
    CODE_NOT_YET_VALID("code-not-yet-valid", 400, "Code issued in the future"),
    CODE_LIFETIME_TOO_LONG("code-lifetime-too-long", 400, "Code lifetime too long"),
    NOT_A_DYNAMIC_CODE("not-a-dynamic-code", 400, "A venue code, not a dynamic code"),
    NOT_A_VENUE_CODE("not-a-venue-code", 400, "A dynamic code, not a venue code"),
    NATIVE_CODE_UNCLAIMED("native-code-unclaimed", 400, "No member recognises this code"),
    PURPOSE_UNKNOWN("purpose-unknown", 400, "Not a purpose of the purpose policy"),
    DISCLOSURE_NOT_ALLOWED("disclosure-not-allowed", 400, "The purpose never discloses this attestation"),
    RULE_NOT_ALLOWED("rule-not-allowed", 400, "The purpose allows no decision on this attestation"),
    PURPOSE_POLICY_OUTDATED("purpose-policy-outdated", 409, "Older purpose policy than the hub's"),
    WRONG_AUDIENCE("wrong-audience", 400, "Token not meant for this audience"),
    UNKNOWN_LEVEL_OF_ASSURANCE("unknown-level-of-assurance", 400, "Unknown level of assurance"),
    INVALID_ID_NUMBER("invalid-id-number", 400, "Invalid resident ID number"),
    BATCH_INVALID("batch-invalid", 422, "Invalid list batch"),
    CONFORMANCE_NOT_PASSED("conformance-not-passed", 422, "Conformance report did not pass"),

    // The federation
    LOOP_DETECTED("loop-detected", 508, "Routing loop detected"),
    MEMBER_BAD_ANSWER("member-bad-answer", 502, "Member platform gave an invalid answer"),
    MEMBER_TIMEOUT("member-timeout", 504, "Member platform did not answer in time"),
    QUOTA_EXCEEDED("quota-exceeded", 429, "Request quota exceeded"),
    OVERLOADED("overloaded", 503, "Temporarily overloaded"),
    INTERNAL("internal", 500, "Internal error");

    public static final String BASE_URI = "https://yimatong.org/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }

    /**
     * The problem another node may pass back to its caller, from the {@code type} of its problem answer with HTTP
     * {@code status}: a known type whose status matches, a refusal (4xx) or {@code loop-detected}; never a 5xx of
     * the node's own, which is its failure, not an answer to relay.
     */
    public static Optional<ProblemType> relayable(int status, String type) {
        if (type == null || !type.startsWith(BASE_URI) || (status >= 500 && status != LOOP_DETECTED.status)) {
            return Optional.empty();
        }
        String slug = type.substring(BASE_URI.length());
        for (ProblemType known : values()) {
            if (known.slug.equals(slug) && known.status == status) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}

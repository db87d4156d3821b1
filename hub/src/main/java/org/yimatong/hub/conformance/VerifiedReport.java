package org.yimatong.hub.conformance;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.crypto.Sm3;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.schemas.payload.ConformanceReport;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A conformance report whose runner signature checked out over its exact bytes, read only after that check.
 *
 * @param digest the digest of the exact bytes, {@code sm3:<hex>} for an SM2 runner key, {@code sha-256:<hex>}
 *     otherwise (DESIGN.md §4, REQ-CRYPTO-2)
 */
public record VerifiedReport(ConformanceReport report, String digest, String runnerKid) {

    /** Any of our profiles; the report typ, so no other object a runner key signed can pass for a report. */
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class),
            ConformanceReport.SIGNATURE_TYP);
    private static final ObjectMapper MAPPER = PayloadJson.mapper();

    /**
     * Verifies {@code signature} (a detached compact JWS) over {@code body} with a trusted runner key, then reads
     * the report. Each refusal is a problem of its own type: the JWS faults of {@link JwsVerifier}, then
     * {@code malformed-request} for bytes that are not a JSON object and {@code validation-failed} for a report
     * missing what a trust mark needs.
     */
    public static VerifiedReport verify(byte[] body, String signature, KeyResolver trustedRunnerKeys) {
        VerifiedJws verified = VERIFIER.verifyDetached(signature, body, trustedRunnerKeys);
        ConformanceReport report = Validation.requireValid(read(body));
        return new VerifiedReport(report, digest(verified.key().profile(), body), verified.key().kid());
    }

    private static ConformanceReport read(byte[] body) {
        JsonNode json;
        try {
            json = StrictJson.read(body);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The report is not well-formed JSON");
        }
        if (!json.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The report must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(json, ConformanceReport.class);
        } catch (MismatchedInputException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The report has a field of the wrong type",
                    List.of(new FieldError(pointer(e), "wrong type or unknown value")));
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The report could not be read");
        }
    }

    private static String pointer(MismatchedInputException e) {
        StringBuilder pointer = new StringBuilder();
        e.getPath().forEach(ref -> pointer.append('/')
                .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex())));
        return pointer.toString();
    }

    static String digest(SignatureProfile profile, byte[] body) {
        if (profile == SignatureProfile.SM2) {
            return "sm3:" + Sm3.hex(body);
        }
        try {
            return "sha-256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

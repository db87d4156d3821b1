package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /v1/lists/key} (REQ-LIST-1); schema {@code list-key.json}. {@code key} is base64url, 32 bytes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListKey(String epoch, String alg, String key, Instant validFrom, Instant validUntil) {

    public static final String ALG = "HMAC-SM3";

    /** The key is a secret: it never appears in a log line. */
    @Override
    public String toString() {
        return "ListKey[epoch=" + epoch + ", alg=" + alg + ", key=<redacted>, validFrom=" + validFrom
                + ", validUntil=" + validUntil + "]";
    }
}

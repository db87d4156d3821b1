package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/venue-scans} (DESIGN.md §5a, REQ-VENUE-1): a visitor's platform reports that one of its people
 * scanned another region's venue code; schema {@code venue-scan-request.json}.
 *
 * @param venueCode the scanned venue code, a compact JWS of {@code typ} {@code ymt-venue+jwt}
 * @param subject the visitor's list pseudonym (never an ID number)
 * @param at when the visitor scanned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VenueScanRequest(String venueCode, String subject, Instant at, ScanDirection direction)
        implements Validatable {

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .requiredMatching("/venueCode", venueCode, Patterns.COMPACT_JWS)
                .length("/venueCode", venueCode, 16, VenueCodeCodec.MAX_LENGTH)
                .requiredMatching("/subject", subject, Patterns.SUBJECT_ID)
                .required("/at", at)
                .required("/direction", direction)
                .errors();
    }

    /** The venue code stays out of logs like any code; the subject too, being a person's pseudonym. */
    @Override
    public String toString() {
        return "VenueScanRequest[venueCode=<" + (venueCode == null ? 0 : venueCode.length()) + " chars>, at=" + at
                + ", direction=" + direction + "]";
    }
}

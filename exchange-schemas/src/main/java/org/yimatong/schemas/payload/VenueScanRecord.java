package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A visit the hub delivers to the venue's platform ({@code POST /member/v1/venue-scans}, DESIGN.md §5a,
 * REQ-VENUE-2); schema {@code venue-scan-record.json}. The hub retries until the platform takes it, so the platform
 * keeps each {@code scanId} once.
 *
 * @param scanId the hub's id of the scan, the same on every redelivery
 * @param vid the venue, at the receiving platform
 * @param subject the visitor's list pseudonym, under the epoch key of {@code at}
 * @param reportedBy the entity id of the visitor's platform, which reported the scan
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VenueScanRecord(String scanId, String vid, String subject, Instant at, ScanDirection direction,
        String reportedBy) implements Validatable {

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .requiredMatching("/scanId", scanId, Patterns.RESOURCE_ID)
                .requiredMatching("/vid", vid, VenueClaims.VENUE_ID)
                .requiredMatching("/subject", subject, Patterns.SUBJECT_ID)
                .required("/at", at)
                .required("/direction", direction)
                .requiredMatching("/reportedBy", reportedBy, Patterns.ENTITY_ID)
                .errors();
    }
}

package org.yimatong.schemas.payload;

import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.dictionary.VenueKind;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The hub's answer to {@code POST /v1/venue-scans} (DESIGN.md §5a): the venue as its signed code names it, for the
 * visitor's app to show, and the id under which the scan is delivered to the venue's platform; schema
 * {@code venue-scan-answer.json}. {@code accepted} is always {@code true}: a scan that is not accepted is a problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VenueScanAnswer(Venue venue, boolean accepted, String scanId) {

    /** The venue of a verified venue code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Venue(String vid, String nam, String rgn, VenueKind knd) {

        /** The venue of verified claims. */
        public static Venue of(VenueClaims claims) {
            return new Venue(claims.vid(), claims.nam(), claims.rgn(), claims.knd());
        }
    }

    /** The answer for a scan accepted under {@code scanId}. */
    public static VenueScanAnswer accepted(VenueClaims claims, String scanId) {
        return new VenueScanAnswer(Venue.of(claims), true, scanId);
    }
}

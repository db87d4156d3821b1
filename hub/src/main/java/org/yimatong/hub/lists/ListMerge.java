package org.yimatong.hub.lists;

import java.time.Instant;
import java.util.Optional;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * Merges an answer with the subject's listing: the more severe of the two wins (GREEN &lt; YELLOW &lt; RED), and a
 * listing also outranks an UNKNOWN, since the list is an answer the hub holds itself. So a listed RED or YELLOW
 * never comes out GREEN, and a live RED is never softened by a YELLOW listing.
 */
public final class ListMerge {

    private ListMerge() {
    }

    public static VerificationResult merge(VerificationResult answer, Optional<Listing> listing, Instant now) {
        if (listing.isEmpty() || listing.get().until() != null && !listing.get().until().isAfter(now)) {
            return answer;
        }
        VerificationStatus listed = VerificationStatus.of(listing.get().colour());
        if (answer.status() != VerificationStatus.UNKNOWN && answer.status().severity() >= listed.severity()) {
            return answer;
        }
        Instant validUntil = listing.get().until() != null && listing.get().until().isBefore(answer.validUntil())
                ? listing.get().until()
                : answer.validUntil();
        return answer.withStatus(listed, AnswerSource.LIST, ReasonCode.LISTED, validUntil);
    }
}

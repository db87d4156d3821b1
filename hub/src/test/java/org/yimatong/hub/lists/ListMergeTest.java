package org.yimatong.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationResult;

class ListMergeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    @Test
    void listedRedIsNeverTurnedGreenByAFreshCode() {
        VerificationResult merged = ListMerge.merge(live(VerificationStatus.GREEN), listed(Colour.RED, LATER), NOW);

        assertEquals(VerificationStatus.RED, merged.status());
        assertEquals(AnswerSource.LIST, merged.source());
        assertEquals(ReasonCode.LISTED, merged.reason());
    }

    @Test
    void listedYellowIsNeverTurnedGreen() {
        assertEquals(VerificationStatus.YELLOW,
                ListMerge.merge(live(VerificationStatus.GREEN), listed(Colour.YELLOW, LATER), NOW).status());
    }

    @Test
    void liveRedIsNotSoftenedByAYellowListing() {
        VerificationResult red = live(VerificationStatus.RED);

        assertSame(red, ListMerge.merge(red, listed(Colour.YELLOW, LATER), NOW));
    }

    @Test
    void listingAnswersWhenTheHomeCannot() {
        VerificationResult unknown = VerificationResult.homeUnavailable("ymt:member:310000", NOW,
                NOW.plusSeconds(15));

        assertEquals(VerificationStatus.YELLOW, ListMerge.merge(unknown, listed(Colour.YELLOW, LATER), NOW).status());
    }

    @Test
    void notListedOrNoLongerListedLeavesTheAnswerAlone() {
        VerificationResult green = live(VerificationStatus.GREEN);

        assertSame(green, ListMerge.merge(green, Optional.empty(), NOW));
        assertSame(green, ListMerge.merge(green, listed(Colour.RED, NOW.minusSeconds(1)), NOW));
    }

    private static VerificationResult live(VerificationStatus status) {
        return new VerificationResult(status, "ymt:member:310000", AnswerSource.LIVE, NOW, NOW.plusSeconds(60), null);
    }

    private static Optional<Listing> listed(Colour colour, Instant until) {
        return Optional.of(new Listing(colour, until));
    }
}

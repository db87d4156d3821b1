package org.yimatong.schemas.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.payload.Attestations.NaatResult;

class CheckpointRulesTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    static Attestations naat(NaatResult result, Instant sampledAt) {
        return new Attestations(new Attestations.Naat(result, sampledAt, sampledAt.plusSeconds(3600), "310104"),
                null, null);
    }

    @Test
    void aNegativeTestSampledWithinTheHoursMeetsTheRuleAndOneSecondOlderDoesNot() {
        CheckpointRules within48 = new CheckpointRules(48, null);
        assertTrue(within48.metBy(naat(NaatResult.NEGATIVE, NOW.minusSeconds(48 * 3600)), NOW));
        assertFalse(within48.metBy(naat(NaatResult.NEGATIVE, NOW.minusSeconds(48 * 3600 + 1)), NOW));
        assertFalse(within48.metBy(naat(NaatResult.POSITIVE, NOW.minusSeconds(3600)), NOW));
        // a sample from the future is a platform's clock fault, not a negative test
        assertFalse(within48.metBy(naat(NaatResult.NEGATIVE, NOW.plusSeconds(3600)), NOW));
    }

    @Test
    void whatTheHomeDoesNotKnowDoesNotMeetARule() {
        assertFalse(new CheckpointRules(48, null).metBy(null, NOW));
        assertFalse(new CheckpointRules(null, 2).metBy(naat(NaatResult.NEGATIVE, NOW), NOW));
        Attestations vaccinated = new Attestations(null, new Attestations.Vaccination(2, LocalDate.of(2022, 1, 5)),
                null);
        assertTrue(new CheckpointRules(null, 2).metBy(vaccinated, NOW));
        assertFalse(new CheckpointRules(null, 3).metBy(vaccinated, NOW));
    }

    @Test
    void eachRuleReadsItsAttestationAndAnEmptyOrOutOfRangeRuleIsInvalid() {
        assertEquals(Set.of(Attestation.NAAT, Attestation.VACCINATION), new CheckpointRules(1, 1).reads());
        assertEquals(List.of("/requires"), new CheckpointRules(null, null).validate().stream().map(e -> e.pointer())
                .toList());
        assertEquals(List.of("/requires/naatNegativeWithinHours"), new CheckpointRules(0, null).validate().stream()
                .map(e -> e.pointer()).toList());
    }

    @Test
    void onlyKeepsTheNamedPartsAndNothingWhenNoneIsLeft() {
        Attestations all = new Attestations(naat(NaatResult.NEGATIVE, NOW).naat(), new Attestations.Vaccination(3,
                null), new Attestations.ServiceLinks(true, false));
        assertEquals(List.of(Attestation.VACCINATION), all.only(Set.of(Attestation.VACCINATION)).present());
        assertEquals(null, all.only(Set.of()));
    }
}

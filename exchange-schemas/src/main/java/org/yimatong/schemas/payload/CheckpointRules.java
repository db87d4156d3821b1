package org.yimatong.schemas.payload;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Rules a checkpoint asks the hub to apply instead of reading the data ({@code requires} of a verification request):
 * the answer says {@code meets: true/false} and discloses nothing else (REQ-PRIV-1). Each rule reads one attestation,
 * which the purpose must allow at least as a decision.
 *
 * @param naatNegativeWithinHours the latest test is NEGATIVE and was sampled at most this many hours ago
 * @param vaccinationDosesAtLeast at least this many doses
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointRules(Integer naatNegativeWithinHours, Integer vaccinationDosesAtLeast)
        implements Validatable {

    /** The attestations the rules read. */
    public Set<Attestation> reads() {
        Set<Attestation> read = EnumSet.noneOf(Attestation.class);
        if (naatNegativeWithinHours != null) {
            read.add(Attestation.NAAT);
        }
        if (vaccinationDosesAtLeast != null) {
            read.add(Attestation.VACCINATION);
        }
        return read;
    }

    /** Whether {@code known} meets every rule at {@code now}; what is not known does not meet a rule. */
    public boolean metBy(Attestations known, Instant now) {
        Attestations a = known == null ? Attestations.NONE : known;
        boolean meets = true;
        if (naatNegativeWithinHours != null) {
            meets &= a.naat() != null && a.naat().result() == Attestations.NaatResult.NEGATIVE
                    && a.naat().sampledAt() != null && !a.naat().sampledAt().isAfter(now)
                    && !a.naat().sampledAt().isBefore(now.minus(Duration.ofHours(naatNegativeWithinHours)));
        }
        if (vaccinationDosesAtLeast != null) {
            meets &= a.vaccination() != null && a.vaccination().doses() != null
                    && a.vaccination().doses() >= vaccinationDosesAtLeast;
        }
        return meets;
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .range("/requires/naatNegativeWithinHours", naatNegativeWithinHours, 1, 14 * 24)
                .range("/requires/vaccinationDosesAtLeast", vaccinationDosesAtLeast, 1, 10);
        return c.check(!reads().isEmpty(), "/requires", "names no rule").errors();
    }
}

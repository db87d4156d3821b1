package org.yimatong.schemas.payload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a home platform attests besides the colour (the {@code attestations} table of the data dictionary), in a
 * verification answer, only for what it was asked ({@code disclose}). Each part is absent when not asked for or not
 * known; a hub passes on only what the purpose allows ({@link #only}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attestations(Naat naat, Vaccination vaccination, ServiceLinks serviceLinks) implements Validatable {

    /** The latest nucleic-acid test. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Naat(NaatResult result, Instant sampledAt, Instant reportedAt, String labRegion) {}

    public enum NaatResult {
        NEGATIVE, POSITIVE
    }

    /** Doses received and the date of the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Vaccination(Integer doses, LocalDate lastDoseOn) {}

    /** Whether services are linked to the code: yes or no, never a number. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceLinks(Boolean medicalInsurance, Boolean transitCard) {}

    public static final Attestations NONE = new Attestations(null, null, null);

    /** The parts in {@code kept}; {@code null} when none is left, so an answer carries no empty object. */
    public Attestations only(Set<Attestation> kept) {
        Attestations left = new Attestations(kept.contains(Attestation.NAAT) ? naat : null,
                kept.contains(Attestation.VACCINATION) ? vaccination : null,
                kept.contains(Attestation.SERVICE_LINKS) ? serviceLinks : null);
        return left.present().isEmpty() ? null : left;
    }

    /** The attestations this carries. */
    public List<Attestation> present() {
        List<Attestation> here = new ArrayList<>();
        if (naat != null) {
            here.add(Attestation.NAAT);
        }
        if (vaccination != null) {
            here.add(Attestation.VACCINATION);
        }
        if (serviceLinks != null) {
            here.add(Attestation.SERVICE_LINKS);
        }
        return here;
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start();
        if (naat != null) {
            c.required("/naat/result", naat.result()).required("/naat/sampledAt", naat.sampledAt())
                    .matches("/naat/labRegion", naat.labRegion(), Patterns.REGION_CODE);
            c.check(naat.sampledAt() == null || naat.reportedAt() == null || !naat.reportedAt().isBefore(naat
                    .sampledAt()), "/naat/reportedAt", "must not be before sampledAt");
        }
        if (vaccination != null) {
            c.required("/vaccination/doses", vaccination.doses()).range("/vaccination/doses", vaccination.doses(),
                    0, 10);
        }
        if (serviceLinks != null) {
            c.required("/serviceLinks/medicalInsurance", serviceLinks.medicalInsurance())
                    .required("/serviceLinks/transitCard", serviceLinks.transitCard());
        }
        return c.errors();
    }
}

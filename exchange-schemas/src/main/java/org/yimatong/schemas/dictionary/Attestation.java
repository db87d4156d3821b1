package org.yimatong.schemas.dictionary;

import java.util.List;
import java.util.Optional;

/**
 * What a home platform can attest about a person besides the colour (DESIGN.md §6, REQ-PRIV-1), named as the member
 * contract names them ({@link #wireName()}). A checkpoint receives one only when the purpose of its scan allows it
 * (see {@link Disclosure} and the {@code purposes} table), and then either the data or only a decision about it.
 */
public enum Attestation {
    /** 核酸: the latest nucleic-acid (NAAT) test. */
    NAAT("naat", List.of("result", "sampledAt", "reportedAt", "labRegion")),
    /** 疫苗接种: doses received and the date of the last one. */
    VACCINATION("vaccination", List.of("doses", "lastDoseOn")),
    /** 服务关联: whether services are linked to the code (medical-insurance e-voucher, transit card); never a number. */
    SERVICE_LINKS("serviceLinks", List.of("medicalInsurance", "transitCard"));

    private final String wireName;
    private final List<String> fields;

    Attestation(String wireName, List<String> fields) {
        this.wireName = wireName;
        this.fields = fields;
    }

    /** The name in requests ({@code disclose}) and answers ({@code attestations}). */
    public String wireName() {
        return wireName;
    }

    /** The fields an answer carries for it, in the contract's order. */
    public List<String> fields() {
        return fields;
    }

    public static Optional<Attestation> fromWireName(String name) {
        for (Attestation a : values()) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

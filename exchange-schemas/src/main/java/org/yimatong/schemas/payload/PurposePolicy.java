package org.yimatong.schemas.payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.dictionary.DataDictionary;
import org.yimatong.schemas.dictionary.Disclosure;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The purpose registry (DESIGN.md §6, REQ-PRIV-1): for each purpose a checkpoint may scan for, which attestations it
 * may receive, as data or only as a decision, and from which level of assurance of the caller. Versioned: the root
 * hub publishes one ({@code GET /v1/purposes}, schema {@code purpose-policy.json}), every hub applies the newest it
 * has, and an answer names the version that decided. The contract's own version is {@link #contract()}, the
 * {@code purposes} table of the data dictionary.
 */
public record PurposePolicy(int version, List<Purpose> purposes) implements Validatable {

    /** One purpose: attestation wire name ({@link Attestation#wireName()}) to what it may receive. */
    public record Purpose(String purpose, Map<String, Allowance> attestations) {

        public Purpose {
            attestations = Map.copyOf(attestations);
        }

        /** What the purpose allows of {@code attestation} at all; empty: never. */
        public Optional<Allowance> allowance(Attestation attestation) {
            return Optional.ofNullable(attestations.get(attestation.wireName()));
        }

        /**
         * What a caller at {@code level} may receive of {@code attestation}; empty when the purpose never allows it or
         * the caller is below its level.
         */
        public Optional<Disclosure> disclosureAt(Attestation attestation, LevelOfAssurance level) {
            return allowance(attestation).filter(a -> level.atLeast(a.minimumLevel())).map(Allowance::disclosure);
        }
    }

    /** At most {@code disclosure}, for a caller at {@code minimumLevel} or above. */
    public record Allowance(Disclosure disclosure, LevelOfAssurance minimumLevel) {}

    public PurposePolicy {
        purposes = List.copyOf(purposes);
    }

    public Optional<Purpose> purpose(String name) {
        return purposes.stream().filter(p -> p.purpose().equals(name)).findFirst();
    }

    /** The policy of the contract this build implements: the data dictionary's {@code purposes} table. */
    public static PurposePolicy contract() {
        return Contract.POLICY;
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start().range("/version", version, 1, Integer.MAX_VALUE);
        if (c.present("/purposes", purposes)) {
            for (int i = 0; i < purposes.size(); i++) {
                Purpose p = purposes.get(i);
                String at = "/purposes/" + i;
                if (p == null) {
                    c.fail(at, "must be an object");
                    continue;
                }
                c.requiredMatching(at + "/purpose", p.purpose(), Patterns.PURPOSE);
                p.attestations().forEach((name, allowance) -> {
                    c.check(Attestation.fromWireName(name).isPresent(), at + "/attestations/" + name,
                            "is not an attestation");
                    c.check(allowance != null && allowance.disclosure() != null && allowance.minimumLevel() != null,
                            at + "/attestations/" + name, "needs disclosure and minimumLevel");
                });
            }
        }
        return c.errors();
    }

    private static final class Contract {
        static final PurposePolicy POLICY = read();

        private static PurposePolicy read() {
            JsonNode table = DataDictionary.read("purposes");
            List<Purpose> purposes = new ArrayList<>();
            for (JsonNode entry : table.get("entries")) {
                Map<String, Allowance> allowed = new LinkedHashMap<>();
                for (Attestation a : Attestation.values()) {
                    String cell = entry.path(a.wireName()).asText();
                    if (!cell.isEmpty()) {
                        String[] parts = cell.split(":", 2);
                        allowed.put(a.wireName(), new Allowance(Disclosure.valueOf(parts[0]),
                                LevelOfAssurance.valueOf(parts[1].toUpperCase(Locale.ROOT))));
                    }
                }
                purposes.add(new Purpose(entry.get("name").asText(), allowed));
            }
            return new PurposePolicy(table.get("version").asInt(), purposes);
        }
    }
}

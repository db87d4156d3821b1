package org.yimatong.schemas.payload;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yimatong.schemas.dictionary.Attestation;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/verifications} (DESIGN.md §6); schema {@code verification-request.json}. Beyond the colour, a
 * checkpoint may ask to see attestations ({@code disclose}) or ask the hub to apply rules to them ({@code requires}),
 * as far as the purpose allows (REQ-PRIV-1); a hub asks the next node only for what the purpose allows. A caller may
 * show its operator's session ({@code operatorToken}: a hub access token issued to the caller), whose level of
 * assurance decides what the purpose lets it see; without one the caller is at the anonymous level.
 * {@code policyVersion}: the purpose policy the caller expects; an older one than the hub's is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationRequest(String code, Checkpoint checkpoint, String purpose, List<String> disclose,
        CheckpointRules requires, Integer policyVersion, String operatorToken) implements Validatable {

    /** Where the code was scanned. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String id, String region, String kind) {}

    public VerificationRequest(String code, Checkpoint checkpoint, String purpose) {
        this(code, checkpoint, purpose, null, null, null, null);
    }

    /**
     * The same request as it goes on to the next node: asking to see {@code ask} and to decide {@code rules} (a hub
     * only), never with the operator's session.
     */
    public VerificationRequest forwarded(List<String> ask, CheckpointRules rules, Integer version) {
        return new VerificationRequest(code, checkpoint, purpose, ask == null || ask.isEmpty() ? null : ask, rules,
                version, null);
    }

    /** The attestations asked for by name; names outside the contract are a validation error, not here. */
    public Set<Attestation> disclosed() {
        Set<Attestation> asked = new HashSet<>();
        if (disclose != null) {
            disclose.forEach(name -> Attestation.fromWireName(name).ifPresent(asked::add));
        }
        return asked;
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .requiredMatching("/code", code, Patterns.CODE)
                .length("/code", code, 16, 4096);
        if (c.present("/checkpoint", checkpoint)) {
            c.requiredMatching("/checkpoint/id", checkpoint.id(), Patterns.CHECKPOINT_ID)
                    .requiredMatching("/checkpoint/region", checkpoint.region(), Patterns.REGION_CODE)
                    .requiredMatching("/checkpoint/kind", checkpoint.kind(), Patterns.CHECKPOINT_KIND);
        }
        c.requiredMatching("/purpose", purpose, Patterns.PURPOSE);
        if (disclose != null) {
            c.check(disclose.size() <= Attestation.values().length
                    && new HashSet<>(disclose).size() == disclose.size(), "/disclose",
                    "must name each attestation once");
            for (int i = 0; i < disclose.size(); i++) {
                c.check(disclose.get(i) != null && Attestation.fromWireName(disclose.get(i)).isPresent(),
                        "/disclose/" + i, "is not an attestation (naat, vaccination, serviceLinks)");
            }
        }
        if (requires != null) {
            c.nested("", requires.validate());
        }
        return c.range("/policyVersion", policyVersion, 1, Integer.MAX_VALUE)
                .matches("/operatorToken", operatorToken, Patterns.COMPACT_JWS)
                .length("/operatorToken", operatorToken, 1, 8192)
                .errors();
    }

    /** Never print a code or a token: each is a bearer credential for its minutes. */
    @Override
    public String toString() {
        return "VerificationRequest[code=<" + (code == null ? 0 : code.length()) + " chars>, checkpoint="
                + checkpoint + ", purpose=" + purpose + ", disclose=" + disclose + ", requires=" + requires
                + ", policyVersion=" + policyVersion + (operatorToken == null ? "" : ", operatorToken=<redacted>")
                + "]";
    }
}

package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A conformance result a member earned (DESIGN.md §3): recorded by the hub from a passing, signed
 * conformance report; schema {@code trust-mark.json}.
 *
 * @param issuedAt when the suite finished the run (the report's {@code finishedAt})
 * @param recordedAt when the hub accepted the report
 * @param reportDigest digest of the report's exact bytes, {@code sm3:<hex>} for an SM2 runner key,
 *     {@code sha-256:<hex>} otherwise, so the report can be matched to its mark later
 * @param runnerKid the key id of the runner key that signed the report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustMark(ConformancePlan plan, String suiteVersion, String contractVersion, Instant issuedAt,
        Instant recordedAt, String reportDigest, String runnerKid) {

    /** Two marks of one plan and one suite version certify the same thing: the later replaces the earlier. */
    public boolean sameCertificationAs(TrustMark other) {
        return plan == other.plan && suiteVersion.equals(other.suiteVersion);
    }
}

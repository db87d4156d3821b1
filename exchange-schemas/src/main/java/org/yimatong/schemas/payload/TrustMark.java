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
 * @param expiresAt until when the mark certifies (a year after it was recorded)
 * @param signature the recording hub's compact JWS ({@link #TYP}) over the member, plan, suite and contract versions,
 *     report digest, issue and expiry, so that another hub can check the mark against this hub's key set
 * @param expired {@code true} in an answer once the mark is past {@code expiresAt}; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustMark(ConformancePlan plan, String suiteVersion, String contractVersion, Instant issuedAt,
        Instant recordedAt, String reportDigest, String runnerKid, Instant expiresAt, String signature,
        Boolean expired) {

    /** The {@code typ} of a trust mark's signature: a JWS the hub makes over the mark, for others to check. */
    public static final String TYP = "ymt-trust-mark+jwt";

    /** A mark not signed yet (as a report earns it, before the hub signs it). */
    public TrustMark(ConformancePlan plan, String suiteVersion, String contractVersion, Instant issuedAt,
            Instant recordedAt, String reportDigest, String runnerKid) {
        this(plan, suiteVersion, contractVersion, issuedAt, recordedAt, reportDigest, runnerKid, null, null, null);
    }

    /** The same mark, valid until {@code expiresAt}, with the hub's {@code signature} over it. */
    public TrustMark signed(Instant until, String jws) {
        return new TrustMark(plan, suiteVersion, contractVersion, issuedAt, recordedAt, reportDigest, runnerKid, until,
                jws, null);
    }

    /** The mark as shown at {@code now}: marked {@code expired} once past its expiry (never stored so). */
    public TrustMark asOf(Instant now) {
        return new TrustMark(plan, suiteVersion, contractVersion, issuedAt, recordedAt, reportDigest, runnerKid,
                expiresAt, signature, isExpired(now) ? Boolean.TRUE : null);
    }

    /** True once the mark is past its expiry: it certifies nothing any more. */
    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Two marks of one plan and one suite version certify the same thing: the later replaces the earlier. */
    public boolean sameCertificationAs(TrustMark other) {
        return plan == other.plan && suiteVersion.equals(other.suiteVersion);
    }
}

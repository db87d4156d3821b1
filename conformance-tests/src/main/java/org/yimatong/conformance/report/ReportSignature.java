package org.yimatong.conformance.report;

import java.util.EnumSet;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.VerifiedJws;

/**
 * The signature of a JSON report: a detached compact JWS ({@code header..signature}, RFC 7515 Appendix F) over the
 * exact bytes of {@code report.json}, protected header {@code {"typ":"ymt-conformance-report+json","alg":..,
 * "kid":..}} with the runner key's {@code kid} (its RFC 7638 thumbprint unless the key file names another).
 * A hub accepting uploads verifies it exactly as {@link #verify} does, against its trusted runner keys.
 */
public final class ReportSignature {

    public static final String TYP = "ymt-conformance-report+json";

    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    private ReportSignature() {
    }

    public static String sign(byte[] reportJson, Jwk runnerKey) {
        return JwsSigner.signDetached(runnerKey, TYP, reportJson);
    }

    /**
     * @throws org.yimatong.schemas.jose.JoseException if the signature is not a valid report signature by one of
     *     {@code trustedRunnerKeys} over exactly {@code reportJson}
     */
    public static VerifiedJws verify(String detachedJws, byte[] reportJson, KeyResolver trustedRunnerKeys) {
        return VERIFIER.verifyDetached(detachedJws.trim(), reportJson, trustedRunnerKeys);
    }
}

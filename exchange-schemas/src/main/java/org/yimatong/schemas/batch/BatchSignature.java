package org.yimatong.schemas.batch;

import java.util.EnumSet;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The {@code Ymt-Batch-Signature} header (REQ-LIST-3): a detached JWS, {@code typ}
 * {@value #TYP}, over the manifest's RFC 8785 bytes. The manifest's digest algorithm must be the one of the
 * signing key's profile ({@link BatchDigest#forProfile}), checked on both sides.
 */
public final class BatchSignature {

    /** The {@code typ} of a batch manifest signature. */
    public static final String TYP = "ymt-batch+jws";

    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    private BatchSignature() {
    }

    /**
     * Signs {@code manifest} with {@code key}.
     *
     * @throws ProblemException {@link ProblemType#BATCH_INVALID} if the manifest's digest algorithm does not
     *     fit the key's profile
     * @throws IllegalStateException if {@code key} has no private part
     */
    public static String sign(BatchManifest manifest, Jwk key) {
        requireDigestFits(manifest, key.profile());
        return JwsSigner.signDetached(key, TYP, manifest.canonicalBytes());
    }

    /**
     * Verifies a detached signature over {@code manifest} and returns the key that made it.
     *
     * @throws JoseException as {@link JwsVerifier} does
     * @throws ProblemException {@link ProblemType#BATCH_INVALID} if the digest algorithm does not fit the
     *     signing key's profile
     */
    public static Jwk verify(String detachedJws, BatchManifest manifest, KeyResolver keys) {
        Jwk key = VERIFIER.verifyDetached(detachedJws, manifest.canonicalBytes(), keys).key();
        requireDigestFits(manifest, key.profile());
        return key;
    }

    private static void requireDigestFits(BatchManifest manifest, SignatureProfile profile) {
        BatchDigest expected = BatchDigest.forProfile(profile);
        if (manifest.digestAlgorithm() != expected) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "a " + profile.joseName()
                    + " signed batch must use digest " + expected.prefix() + ", not " + manifest.digest());
        }
    }
}

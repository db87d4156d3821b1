package org.yimatong.schemas.batch;

import java.util.EnumSet;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;

/**
 * A hub's countersignature of a batch it relays up the tree (REQ-LIST-12): a detached JWS, {@code typ}
 * {@value #TYP}, over the same manifest bytes as the list owner's {@link BatchSignature}. The relaying hub signs
 * with its own key, whatever the owner's profile, so unlike the owner's signature its profile need not fit the
 * manifest's digest algorithm. Sent in {@code Ymt-Batch-Relays} as {@code <hub entity id>=<JWS>}, comma separated,
 * the sending hub's last.
 */
public final class BatchRelaySignature {

    /** The {@code typ} of a relay countersignature. */
    public static final String TYP = "ymt-batch-relay+jws";

    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    private BatchRelaySignature() {
    }

    /** Countersigns {@code manifest} with the relaying hub's {@code key}. */
    public static String sign(BatchManifest manifest, Jwk key) {
        return JwsSigner.signDetached(key, TYP, manifest.canonicalBytes());
    }

    /**
     * Verifies a countersignature over {@code manifest} against the relaying hub's keys.
     *
     * @throws org.yimatong.schemas.jose.JoseException as {@link JwsVerifier} does
     */
    public static Jwk verify(String detachedJws, BatchManifest manifest, KeyResolver keys) {
        return VERIFIER.verifyDetached(detachedJws, manifest.canonicalBytes(), keys).key();
    }
}

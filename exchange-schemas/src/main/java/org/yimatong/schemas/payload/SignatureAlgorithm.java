package org.yimatong.schemas.payload;

import org.yimatong.schemas.crypto.SignatureProfile;

/**
 * The JWS {@code alg} values of the three profiles (DESIGN.md §4), spelled as on the wire (the constant's name is
 * the wire value, so Jackson needs no mapping). It names an algorithm and nothing more: the signing and verifying
 * logic is {@link SignatureProfile}, reached through {@link #profile()}. A contract test keeps the two enums in
 * one-to-one correspondence.
 */
public enum SignatureAlgorithm {
    SM2(SignatureProfile.SM2), ES256(SignatureProfile.ES256), EdDSA(SignatureProfile.EDDSA);

    private final SignatureProfile profile;

    SignatureAlgorithm(SignatureProfile profile) {
        this.profile = profile;
    }

    /** The profile that signs and verifies with this algorithm. */
    public SignatureProfile profile() {
        return profile;
    }

    /** The wire name of {@code profile}. */
    public static SignatureAlgorithm of(SignatureProfile profile) {
        for (SignatureAlgorithm a : values()) {
            if (a.profile == profile) {
                return a;
            }
        }
        throw new IllegalArgumentException("no wire name for " + profile);
    }
}

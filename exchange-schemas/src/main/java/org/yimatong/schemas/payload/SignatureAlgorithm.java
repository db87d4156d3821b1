package org.yimatong.schemas.payload;

/** The JWS {@code alg} values of the three profiles (DESIGN.md §4), spelled as on the wire. */
public enum SignatureAlgorithm {
    SM2, ES256, EdDSA
}

package org.yimatong.schemas.dictionary;

/** The answer of a verification or green lookup (DESIGN.md §6). UNKNOWN is never turned into RED. */
public enum VerificationStatus {
    GREEN, YELLOW, RED,
    /** No reliable answer, e.g. the home platform is down ({@link ReasonCode#HOME_UNAVAILABLE}). */
    UNKNOWN;

    public static VerificationStatus of(Colour colour) {
        return valueOf(colour.name());
    }
}

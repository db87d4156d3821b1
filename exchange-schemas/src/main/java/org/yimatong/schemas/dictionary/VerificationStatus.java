package org.yimatong.schemas.dictionary;

/** The answer of a verification or green lookup (DESIGN.md §6). UNKNOWN is never turned into RED. */
public enum VerificationStatus {
    GREEN, YELLOW, RED, UNKNOWN;

    public static VerificationStatus of(Colour colour) {
        return valueOf(colour.name());
    }
}

package org.yimatong.schemas.dictionary;

/** The answer of a verification or green lookup (DESIGN.md §6). UNKNOWN is never turned into RED. */
public enum VerificationStatus {
    GREEN, YELLOW, RED,
    /** No reliable answer, e.g. the home platform is down ({@link ReasonCode#HOME_UNAVAILABLE}). */
    UNKNOWN;

    public static VerificationStatus of(Colour colour) {
        return valueOf(colour.name());
    }

    /**
     * How severe the answer is: GREEN &lt; YELLOW &lt; RED, and UNKNOWN below all three, since it is no answer.
     * Merging a live answer with list state keeps the more severe one.
     */
    public int severity() {
        return switch (this) {
            case UNKNOWN -> -1;
            case GREEN -> 0;
            case YELLOW -> 1;
            case RED -> 2;
        };
    }
}

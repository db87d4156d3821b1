package org.yimatong.schemas.dictionary;

import java.util.Optional;

/**
 * Levels of assurance, ordered (DESIGN.md §8): a later constant is a higher level. Serialised as
 * {@code urn:ymt:loa:<name>} in {@code acr}.
 */
public enum LevelOfAssurance {
    ANONYMOUS, BASIC, SUBSTANTIAL, HIGH;

    public static final String URN_PREFIX = "urn:ymt:loa:";

    public String uri() {
        return URN_PREFIX + name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean atLeast(LevelOfAssurance other) {
        return compareTo(other) >= 0;
    }

    /** Parses a level URI; an unknown string is empty, never a default level. */
    public static Optional<LevelOfAssurance> fromUri(String uri) {
        for (LevelOfAssurance l : values()) {
            if (l.uri().equals(uri)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}

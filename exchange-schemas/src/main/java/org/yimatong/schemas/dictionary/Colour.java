package org.yimatong.schemas.dictionary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The colour a health code shows. On the wire of a dynamic code (claim {@code col}) it is one letter,
 * {@code G}, {@code Y}, {@code R}; lists use the full word. Both forms parse.
 */
public enum Colour {
    GREEN("G"), YELLOW("Y"), RED("R");

    private final String letter;

    Colour(String letter) {
        this.letter = letter;
    }

    /** The one-letter form of the code's {@code col} claim. */
    public String letter() {
        return letter;
    }

    @JsonValue
    public String word() {
        return name();
    }

    /** Parses either form; returns {@code null} for anything else, so validators can report it. */
    @JsonCreator
    public static Colour parse(String value) {
        if (value == null) {
            return null;
        }
        for (Colour c : values()) {
            if (c.letter.equals(value) || c.name().equals(value)) {
                return c;
            }
        }
        return null;
    }
}

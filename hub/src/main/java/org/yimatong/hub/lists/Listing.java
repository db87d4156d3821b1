package org.yimatong.hub.lists;

import java.time.Instant;

import org.yimatong.schemas.dictionary.Colour;

/** A subject's current entry on a red or yellow list: its colour and until when it holds. */
public record Listing(Colour colour, Instant until) {

    public Listing {
        if (colour == Colour.GREEN) {
            throw new IllegalArgumentException("a list holds only RED and YELLOW entries");
        }
    }
}

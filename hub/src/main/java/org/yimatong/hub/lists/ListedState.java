package org.yimatong.hub.lists;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The verification merge's view of the lists: the subject's most severe live listing, from list state. */
@ApplicationScoped
public class ListedState implements ListState {

    private final ListStateLookup lookup;

    public ListedState(ListStateLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Uni<Optional<Listing>> listingOf(String listSub) {
        return lookup.listingOf(listSub).map(listed -> listed.map(l -> new Listing(l.colour(), l.until())));
    }
}

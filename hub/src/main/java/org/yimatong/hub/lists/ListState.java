package org.yimatong.hub.lists;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The list state a verification is merged with (DESIGN.md §6: a list RED/YELLOW never turns GREEN by a stale
 * code). Looked up by the subject's list pseudonym, which only the home platform can give (REQ-VER-5): a code's
 * own {@code sub} is issuer-scoped and never names a list entry.
 */
public interface ListState {

    /** The listing of the subject with list pseudonym {@code listSub}, empty if not listed. */
    Uni<Optional<Listing>> listingOf(String listSub);
}

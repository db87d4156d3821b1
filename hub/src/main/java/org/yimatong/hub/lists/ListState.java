package org.yimatong.hub.lists;

import java.util.Optional;

import org.yimatong.schemas.code.CodeClaims;

import io.smallrye.mutiny.Uni;

/**
 * The list state a verification is merged with (DESIGN.md §6: a list RED/YELLOW never turns GREEN by a stale
 * code). Read on the hot path: implementations answer from memory.
 */
public interface ListState {

    /** The listing of the subject of a verified (or structurally checked) code, empty if not listed. */
    Uni<Optional<Listing>> listingOf(CodeClaims code);
}

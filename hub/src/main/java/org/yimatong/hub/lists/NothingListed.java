package org.yimatong.hub.lists;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.code.CodeClaims;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** Until the lists issue lands: no subject is listed. Any other {@link ListState} bean replaces this one. */
@ApplicationScoped
@DefaultBean
public class NothingListed implements ListState {

    private static final Uni<Optional<Listing>> NOT_LISTED = Uni.createFrom().item(Optional.empty());

    @Override
    public Uni<Optional<Listing>> listingOf(CodeClaims code) {
        return NOT_LISTED;
    }
}

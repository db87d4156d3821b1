package org.yimatong.hub.green;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.yimatong.hub.lists.ListStateLookup;
import org.yimatong.hub.lists.ListStateLookup.Listed;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.GreenLookupResult;

import io.smallrye.mutiny.Uni;

/**
 * The answer from list state ({@code source=LIST}): RED or YELLOW while the subject is listed (home: the listing
 * member, valid until the listing ends or the green validity, whichever is first), else GREEN (home: the child
 * serving {@code rgn}). Every hub holds the whole federation's list state (REQ-LIST-12), so this answer is the
 * hub's own, also while its parent or the region's hub is unreachable.
 */
@Singleton
public class LookUpListing extends UniStep<GreenLookup> {

    private final ListStateLookup lists;
    private final MemberDirectory directory;
    private final ListsConfig config;
    private final Clock clock;

    public LookUpListing(ListStateLookup lists, MemberDirectory directory, ListsConfig config, Clock clock) {
        super(GreenLookup.class);
        this.lists = lists;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected Uni<GreenLookup> apply(GreenLookup lookup) {
        return lists.listingOf(lookup.request().sub())
                .map(listing -> lookup.answered(answer(lookup, listing, clock.instant())));
    }

    private GreenLookupResult answer(GreenLookup lookup, Optional<Listed> listing, Instant now) {
        Instant horizon = now.plus(config.greenValidity());
        if (listing.isPresent()) {
            Listed listed = listing.get();
            Instant validUntil = listed.until().isBefore(horizon) ? listed.until() : horizon;
            return new GreenLookupResult(VerificationStatus.of(listed.colour()), AnswerSource.LIST, listed.member(),
                    now, validUntil, ReasonCode.LISTED);
        }
        String home = directory.childServing(lookup.request().rgn()).map(Member::entityId).orElse(null);
        return new GreenLookupResult(VerificationStatus.GREEN, AnswerSource.LIST, home, now, horizon, null);
    }
}

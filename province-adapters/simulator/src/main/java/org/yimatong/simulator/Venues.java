package org.yimatong.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The simulated platform's venues (场所码, DESIGN.md §5a): each with a venue code signed with the platform's key for a
 * year, the visits the hub delivered for it (kept once per {@code scanId}, REQ-VENUE-2), and whether it was declared
 * an exposure site. Every visitor of an exposure site is a contact, listed YELLOW in the platform's daily batch by the
 * list pseudonym the visit came with. Visitors are pseudonyms only: nothing here names a person. Thread-safe.
 */
public final class Venues {

    /** Why a venue contact is listed (a list entry's {@code reason}). */
    static final String CONTACT_REASON = "venue-contact";
    /** How many visits one simulator keeps before it answers 503: enough for any test, bounded for a demo left on. */
    static final int MAX_VISITS = 1_000_000;

    private static final VenueKind[] KINDS = { VenueKind.STATION, VenueKind.OFFICE, VenueKind.HOSPITAL, VenueKind.SHOP,
            VenueKind.RESTAURANT, VenueKind.RESIDENTIAL, VenueKind.SCHOOL, VenueKind.WORKPLACE, VenueKind.OTHER };

    /** One venue and the code posted at its door. */
    public record Venue(String vid, String nam, VenueKind knd, String rgn, String code) {}

    /** One visit as delivered, and when it arrived. */
    public record Visit(String scanId, String vid, String subject, Instant at, ScanDirection direction,
            String reportedBy, Instant receivedAt) {}

    private final List<Venue> venues;
    private final Map<String, Venue> byVid;
    private final Clock clock;
    private final Map<String, Visit> visitsByScanId = new LinkedHashMap<>();
    private final Map<String, Instant> exposedSince = new HashMap<>();

    private Venues(List<Venue> venues, Clock clock) {
        this.venues = List.copyOf(venues);
        Map<String, Venue> map = new LinkedHashMap<>();
        venues.forEach(v -> map.put(v.vid(), v));
        this.byVid = Map.copyOf(map);
        this.clock = clock;
    }

    /**
     * {@code options.venues()} venues of the platform's region, {@code <region>-venue-<k>}, kinds in turn (a
     * station first), codes issued now for {@link VenueCodeCodec#MAX_LIFETIME}.
     */
    static Venues create(SimulatorOptions options, Jwk key, Clock clock) {
        Instant iat = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        VenueCodeCodec codec = new VenueCodeCodec();
        List<Venue> list = new ArrayList<>();
        for (int k = 1; k <= options.venues(); k++) {
            VenueKind kind = KINDS[(k - 1) % KINDS.length];
            String vid = options.region() + "-venue-" + k;
            String name = "模拟" + kind.nameZh() + " " + k;
            String code = codec.encode(new VenueClaims(options.entityId(), vid, options.region(), kind, name, iat,
                    iat.plus(VenueCodeCodec.MAX_LIFETIME)), key);
            list.add(new Venue(vid, name, kind, options.region(), code));
        }
        return new Venues(list, clock);
    }

    public List<Venue> all() {
        return venues;
    }

    public Optional<Venue> byVid(String vid) {
        return Optional.ofNullable(vid == null ? null : byVid.get(vid));
    }

    /**
     * Keeps a delivered visit, once per {@code scanId}.
     *
     * @return {@code true} if stored now, {@code false} if this {@code scanId} was already kept (nothing stored)
     * @throws ProblemException {@code not-found} for a venue this platform does not have, {@code overloaded} when
     *     {@link #MAX_VISITS} are kept
     */
    public synchronized boolean record(VenueScanRecord record) {
        if (visitsByScanId.containsKey(record.scanId())) {
            return false;
        }
        if (!byVid.containsKey(record.vid())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No venue " + record.vid() + " here");
        }
        if (visitsByScanId.size() >= MAX_VISITS) {
            throw new ProblemException(ProblemType.OVERLOADED, "The simulator keeps no more visits");
        }
        visitsByScanId.put(record.scanId(), new Visit(record.scanId(), record.vid(), record.subject(), record.at(),
                record.direction(), record.reportedBy(), clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        return true;
    }

    /** The visits of {@code vid} in the order they arrived. */
    public synchronized List<Visit> visits(String vid) {
        return visitsByScanId.values().stream().filter(v -> v.vid().equals(vid)).toList();
    }

    /** How many visits are kept, all venues together. */
    public synchronized int visitCount() {
        return visitsByScanId.size();
    }

    /**
     * Declares {@code vid} an exposure site from now (the first declaration counts): its visitors, past and later,
     * are contacts.
     *
     * @return the subjects who are contacts of it now
     * @throws ProblemException {@code not-found} for an unknown venue
     */
    public synchronized List<String> markExposed(String vid) {
        if (!byVid.containsKey(vid)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No venue " + vid + " here");
        }
        exposedSince.putIfAbsent(vid, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return visits(vid).stream().map(Visit::subject).distinct().toList();
    }

    /** Since when {@code vid} is an exposure site, if it is one. */
    public synchronized Optional<Instant> exposedSince(String vid) {
        return Optional.ofNullable(exposedSince.get(vid));
    }

    /**
     * One YELLOW entry per visitor of an exposure site ({@value #CONTACT_REASON}, {@code rgn} = the platform's
     * region), listed from the earliest declaration among the sites it visited for {@link Population#LISTING_LENGTH},
     * sorted by subject.
     */
    public synchronized List<ListEntry> contacts(String region) {
        Map<String, Instant> since = new HashMap<>();
        for (Visit visit : visitsByScanId.values()) {
            Instant declared = exposedSince.get(visit.vid());
            if (declared != null) {
                since.merge(visit.subject(), declared, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Duration length = Population.LISTING_LENGTH;
        return since.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new ListEntry(e.getKey(), Colour.YELLOW, e.getValue(), e.getValue().plus(length),
                        CONTACT_REASON, region))
                .toList();
    }
}

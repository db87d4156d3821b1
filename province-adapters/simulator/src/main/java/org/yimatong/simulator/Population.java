package org.yimatong.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.yimatong.schemas.crypto.HmacSm3;
import org.yimatong.schemas.crypto.Sm3;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.Attestations;

/**
 * The simulator's synthetic residents, the same for the same seed, region and count: ID numbers valid by
 * {@link ResidentIdNumber} with the region's province prefix, and colours. Resident 1 is GREEN, 2 YELLOW and 3
 * RED, so every colour exists for demos and tests; the others are about 80 % GREEN, 12 % YELLOW and 8 % RED.
 * Listings start on one of the five days before the day the simulator started (China time) and run 14 days.
 *
 * <p>What the platform attests besides the colour (REQ-PRIV-1), drawn from the seed too, with times relative to the
 * moment the population is made: a RED resident's latest nucleic-acid test is the POSITIVE one that listed it (sampled
 * six hours before the listing); residents 1 and 2 and about 85 % of the others have a NEGATIVE test sampled 2 to 24
 * hours ago, about 12 % one sampled 25 to 96 hours ago, about 3 % none on record. Vaccination: 3 doses for about
 * 75 %, 2, 1 or none for the others, the last 30 to 730 days ago. Service links: the medical-insurance e-voucher for
 * about 75 %, a transit card for about 60 %. The attestations come from a random stream of their own, so the ID
 * numbers and colours are what they were before the simulator attested anything.
 *
 * <p>Looks a resident up by number, by the issuer-scoped subject of its codes ({@code HMAC-SM3(codeKey, id)},
 * the code key derived from the entity id and the seed), or by the list pseudonym of a list key
 * ({@code HMAC-SM3(listKey, id)}).
 */
public final class Population {

    static final Duration LISTING_LENGTH = Duration.ofDays(14);
    static final String REASON_RED = "confirmed-case";
    static final String REASON_YELLOW = "close-contact";

    private final List<Resident> residents;
    private final Map<String, Resident> byCodeSubject;
    private volatile ListIndex listIndex;

    private record ListIndex(byte[] key, Map<String, Resident> bySub) {}

    private Population(List<Resident> residents) {
        this.residents = List.copyOf(residents);
        Map<String, Resident> map = new HashMap<>();
        residents.forEach(r -> map.put(r.codeSubject(), r));
        this.byCodeSubject = Map.copyOf(map);
    }

    /**
     * @param region the simulator's 6-digit region; its first two digits are every resident's ID prefix
     * @param startDay the day (China time) the listings are dated from
     */
    public static Population generate(String entityId, String region, int count, long seed, LocalDate startDay) {
        return generate(entityId, region, count, seed, startDay.atStartOfDay(ResidentIdNumber.CHINA).toInstant());
    }

    /**
     * As {@link #generate(String, String, int, long, LocalDate)} on the day (China time) of {@code now}, with test
     * times relative to {@code now}.
     */
    public static Population generate(String entityId, String region, int count, long seed, Instant now) {
        LocalDate startDay = chinaDay(now);
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("residents must be 1..1000000");
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + region.hashCode());
        SplittableRandom attested = new SplittableRandom((seed * 31 + region.hashCode()) * 0x9E3779B97F4A7C15L + 1);
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        byte[] codeKey = Sm3.digest(("ymt-simulator-code-subject:" + entityId + ":" + seed)
                .getBytes(StandardCharsets.UTF_8));
        Instant dayStart = startDay.atStartOfDay(ResidentIdNumber.CHINA).toInstant();
        Set<String> seen = new HashSet<>();
        List<Resident> residents = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            ResidentIdNumber id;
            do {
                id = ResidentIdNumber.parse(idNumber(region, random));
            } while (!seen.add(id.value()));
            Colour colour = switch (n) {
                case 1 -> Colour.GREEN;
                case 2 -> Colour.YELLOW;
                case 3 -> Colour.RED;
                default -> {
                    double roll = random.nextDouble();
                    yield roll < 0.08 ? Colour.RED : roll < 0.20 ? Colour.YELLOW : Colour.GREEN;
                }
            };
            Instant since = dayStart.minus(Duration.ofDays(random.nextInt(5)));
            Resident.Listing listing = listing(colour, since);
            residents.add(new Resident(n, id, HmacSm3.subjectId(codeKey, id.value()), listing,
                    attestations(n, listing, region, at, attested)));
        }
        return new Population(residents);
    }

    /** The listing of a resident who turns {@code colour} at {@code since}. */
    static Resident.Listing listing(Colour colour, Instant since) {
        return switch (colour) {
            case GREEN -> new Resident.Listing(Colour.GREEN, null, null, null);
            case YELLOW -> new Resident.Listing(colour, since, since.plus(LISTING_LENGTH), REASON_YELLOW);
            case RED -> new Resident.Listing(colour, since, since.plus(LISTING_LENGTH), REASON_RED);
        };
    }

    /**
     * What the platform attests about resident {@code n} at {@code now}. Every resident draws the same number of
     * values, so one resident's draws never shift another's.
     */
    private static Attestations attestations(int n, Resident.Listing listing, String region, Instant now,
            SplittableRandom random) {
        double tested = random.nextDouble();
        long freshMinutes = 120 + random.nextInt(22 * 60);
        long staleMinutes = 25 * 60 + random.nextInt(71 * 60);
        long reportMinutes = 60 + random.nextInt(11 * 60);
        String lab = district(region, random);
        double dosesRoll = random.nextDouble();
        int lastDoseDaysAgo = 30 + random.nextInt(700);
        boolean medicalInsurance = random.nextDouble() < 0.75;
        boolean transitCard = random.nextDouble() < 0.60;

        Attestations.Naat naat;
        if (listing.colour() == Colour.RED) {
            Instant sampled = listing.since().minus(Duration.ofHours(6));
            naat = new Attestations.Naat(Attestations.NaatResult.POSITIVE, sampled, sampled.plus(Duration.ofHours(5)),
                    lab);
        } else if (n > 2 && tested < 0.03) {
            naat = null;
        } else {
            long minutesAgo = n > 2 && tested < 0.15 ? staleMinutes : freshMinutes;
            naat = negative(now.minus(Duration.ofMinutes(minutesAgo)), now, Duration.ofMinutes(reportMinutes), lab);
        }
        int doses = dosesRoll < 0.04 ? 0 : dosesRoll < 0.10 ? 1 : dosesRoll < 0.25 ? 2 : 3;
        LocalDate lastDose = doses == 0 ? null : chinaDay(now).minusDays(lastDoseDaysAgo);
        return new Attestations(naat, new Attestations.Vaccination(doses, lastDose),
                new Attestations.ServiceLinks(medicalInsurance, transitCard));
    }

    /** A NEGATIVE test sampled at {@code sampledAt}, reported {@code delay} later but never after {@code now}. */
    static Attestations.Naat negative(Instant sampledAt, Instant now, Duration delay, String lab) {
        Instant reported = sampledAt.plus(delay);
        return new Attestations.Naat(Attestations.NaatResult.NEGATIVE, sampledAt,
                reported.isAfter(now) ? now : reported, lab);
    }

    /** A district of {@code region} (itself when it is a district), as a laboratory's region code. */
    private static String district(String region, SplittableRandom random) {
        String digit = Integer.toString(1 + random.nextInt(9));
        if (region.endsWith("0000")) {
            return region.substring(0, 2) + "010" + digit;
        }
        return region.endsWith("00") ? region.substring(0, 4) + "0" + digit : region;
    }

    /** An 18-character ID number: region (district of the province), birth date, sequence, check character. */
    private static String idNumber(String region, SplittableRandom random) {
        String district;
        if (region.endsWith("0000")) {
            district = region.substring(0, 2) + "01" + String.format("%02d", 1 + random.nextInt(9));
        } else if (region.endsWith("00")) {
            district = region.substring(0, 4) + String.format("%02d", 1 + random.nextInt(9));
        } else {
            district = region;
        }
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 80));
        String digits = district + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth()) + String.format("%03d", 1 + random.nextInt(999));
        return digits + ResidentIdNumber.checkCharacter(digits);
    }

    public List<Resident> all() {
        return residents;
    }

    public int size() {
        return residents.size();
    }

    /** Resident {@code n}, counting from 1. */
    public Optional<Resident> byNumber(int n) {
        return n >= 1 && n <= residents.size() ? Optional.of(residents.get(n - 1)) : Optional.empty();
    }

    public Optional<Resident> byCodeSubject(String sub) {
        return Optional.ofNullable(byCodeSubject.get(sub));
    }

    /** The resident whose list pseudonym under {@code listKey} is {@code sub}. */
    public Optional<Resident> byListSubject(byte[] listKey, String sub) {
        ListIndex index = listIndex;
        if (index == null || !Arrays.equals(index.key(), listKey)) {
            Map<String, Resident> map = new HashMap<>();
            residents.forEach(r -> map.put(r.idNumber().pseudonym(listKey), r));
            index = new ListIndex(listKey.clone(), Map.copyOf(map));
            listIndex = index;
        }
        return Optional.ofNullable(index.bySub().get(sub));
    }

    /** Today in China at {@code now}. */
    static LocalDate chinaDay(Instant now) {
        return ZonedDateTime.ofInstant(now, ResidentIdNumber.CHINA).toLocalDate();
    }
}

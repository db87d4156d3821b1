package org.yimatong.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
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

/**
 * The simulator's synthetic residents, the same for the same seed, region and count: ID numbers valid by
 * {@link ResidentIdNumber} with the region's province prefix, and colours. Resident 1 is GREEN, 2 YELLOW and 3
 * RED, so every colour exists for demos and tests; the others are about 80 % GREEN, 12 % YELLOW and 8 % RED.
 * Listings start on one of the five days before the day the simulator started (China time) and run 14 days.
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
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("residents must be 1..1000000");
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + region.hashCode());
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
            residents.add(new Resident(n, id, HmacSm3.subjectId(codeKey, id.value()), listing(colour, since)));
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

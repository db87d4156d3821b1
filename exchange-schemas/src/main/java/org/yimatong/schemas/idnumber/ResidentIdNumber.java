package org.yimatong.schemas.idnumber;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A valid, normalised resident ID number (GB 11643-1999): 6-digit region code, 8-digit birth date
 * {@code yyyyMMdd}, 3-digit sequence, and a check character (ISO 7064 MOD 11-2, {@code 0}-{@code 9} or
 * {@code X}). The same format is used on residence permits for Hong Kong, Macao and Taiwan residents
 * (prefixes 81, 82, 83; see {@link ResidentIdPrefixes}).
 *
 * <p>Privacy (DESIGN.md §9): {@link #toString()} is the {@link #mask() mask}, never the number, so an
 * instance that reaches a log or an exception message leaks nothing but region and last four
 * characters. Only {@link #value()} gives the plaintext; call it only where the number must leave, e.g.
 * to compute a pseudonym at a member.
 *
 * <p>Dates are checked against today in China ({@code Asia/Shanghai}) unless a {@link Clock} is given.
 */
public final class ResidentIdNumber {

    /** Length of every resident ID number. */
    public static final int LENGTH = 18;

    /** The zone whose date decides whether a birth date lies in the future. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private final String value;

    private ResidentIdNumber(String value) {
        this.value = value;
    }

    /**
     * Parses and normalises (trimmed, a trailing {@code x} upper-cased) a resident ID number.
     *
     * @throws ProblemException of type {@link ProblemType#INVALID_ID_NUMBER}, whose detail names the
     *             fault but never contains the number
     */
    public static ResidentIdNumber parse(String raw) {
        return parse(raw, null, Clock.system(CHINA));
    }

    /**
     * As {@link #parse(String)}, and the problem carries one {@link FieldError} at {@code pointer} (a JSON
     * Pointer into the request, e.g. {@code /subject/idNumber}).
     */
    public static ResidentIdNumber parse(String raw, String pointer) {
        return parse(raw, pointer, Clock.system(CHINA));
    }

    /** As {@link #parse(String, String)}, with today's date taken from {@code clock}. */
    public static ResidentIdNumber parse(String raw, String pointer, Clock clock) {
        Optional<IdNumberFault> fault = validate(raw, clock);
        if (fault.isPresent()) {
            String detail = "The resident ID number " + fault.get().detail() + ".";
            List<FieldError> errors = pointer == null ? List.of() : List.of(new FieldError(pointer, detail));
            throw new ProblemException(ProblemType.INVALID_ID_NUMBER, detail, errors);
        }
        return new ResidentIdNumber(normalise(raw));
    }

    /** The first fault of {@code raw}, or empty if it is a valid resident ID number today in China. */
    public static Optional<IdNumberFault> validate(String raw) {
        return validate(raw, Clock.system(CHINA));
    }

    /** The first fault of {@code raw}, or empty if valid; today's date taken from {@code clock}. */
    public static Optional<IdNumberFault> validate(String raw, Clock clock) {
        if (raw == null) {
            return Optional.of(IdNumberFault.WRONG_LENGTH);
        }
        String s = normalise(raw);
        if (s.length() != LENGTH) {
            return Optional.of(IdNumberFault.WRONG_LENGTH);
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return Optional.of(IdNumberFault.BAD_CHARACTER);
            }
        }
        char last = s.charAt(LENGTH - 1);
        if (!isAsciiDigit(last) && last != 'X') {
            return Optional.of(IdNumberFault.BAD_CHARACTER);
        }
        if (!ResidentIdPrefixes.isAccepted(s.substring(0, 2))) {
            return Optional.of(IdNumberFault.UNKNOWN_PREFIX);
        }
        Optional<LocalDate> birth = birthDateOf(s);
        if (birth.isEmpty() || birth.get().isBefore(EARLIEST_BIRTH_DATE)
                || birth.get().isAfter(LocalDate.now(clock))) {
            return Optional.of(IdNumberFault.IMPOSSIBLE_DATE);
        }
        if (checkCharacter(s) != last) {
            return Optional.of(IdNumberFault.BAD_CHECK_CHARACTER);
        }
        return Optional.empty();
    }

    /** Whether {@code raw} is a valid resident ID number today in China. */
    public static boolean isValid(String raw) {
        return validate(raw).isEmpty();
    }

    /**
     * The ISO 7064 MOD 11-2 check character of the first 17 digits of {@code digits} ({@link Iso7064#mod11_2}): the
     * weighted sum (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) modulo 11 indexes {@code 1 0 X 9 8 7 6 5 4 3 2}.
     *
     * @throws IllegalArgumentException unless the first 17 characters are ASCII digits
     */
    public static char checkCharacter(String digits) {
        if (digits == null || digits.length() < LENGTH - 1) {
            throw new IllegalArgumentException("need 17 digits");
        }
        try {
            return Iso7064.mod11_2(digits.subSequence(0, LENGTH - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("need 17 digits", e);
        }
    }

    /** The normalised number in plaintext. Never log it; see the class comment. */
    public String value() {
        return value;
    }

    /** The two-digit prefix: a province, or 81/82/83 for residence permits. */
    public String prefix() {
        return value.substring(0, 2);
    }

    /** The six-digit region code of the place of household registration (or 810000/820000/830000). */
    public String regionCode() {
        return value.substring(0, 6);
    }

    public LocalDate birthDate() {
        return birthDateOf(value).orElseThrow();
    }

    /** Which kind of document carries this number. */
    public IdDocumentType documentType() {
        return ResidentIdPrefixes.documentFor(prefix()).orElseThrow();
    }

    /**
     * The form for logs (DESIGN.md §9): first 6 characters, eight {@code *}, last 4, e.g.
     * {@code 310101********1234}.
     */
    public String mask() {
        return value.substring(0, 6) + "********" + value.substring(LENGTH - 4);
    }

    /**
     * The list subject id of DESIGN.md §7: {@code HMAC-SM3(key, normalisedIdNumber)} over the UTF-8 bytes
     * of {@link #value()}, as 64 lowercase hex characters. With the hub's list key of an epoch, equal
     * numbers give equal subject ids at every member, so lists match without the hub seeing a number.
     *
     * @param key the list key of the epoch (not empty); not retained
     */
    public String pseudonym(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("pseudonym key must not be empty");
        }
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidentIdNumber other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The {@link #mask()}, never the number. */
    @Override
    public String toString() {
        return mask();
    }

    private static String normalise(String raw) {
        String s = raw.strip();
        if (s.length() == LENGTH && s.charAt(LENGTH - 1) == 'x') {
            s = s.substring(0, LENGTH - 1) + 'X';
        }
        return s;
    }

    private static Optional<LocalDate> birthDateOf(String s) {
        int year = Integer.parseInt(s.substring(6, 10));
        int month = Integer.parseInt(s.substring(10, 12));
        int day = Integer.parseInt(s.substring(12, 14));
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package org.yimatong.tokens.binding;

import java.util.Locale;
import java.util.Optional;

/**
 * The unified social credit code of a legal person (GB 32100-2015): 18 characters from the 31-character set
 * {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, Z, S, V): registration authority (1), organisation kind (1),
 * administrative division (6 digits, GB/T 2260), organisation code (9), and a check character computed modulo
 * 31 with weights {@code 3^i mod 31} over the first 17.
 */
public final class UnifiedSocialCreditCode {

    /** The character set, each character's value being its index. */
    static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
    public static final int LENGTH = 18;

    private UnifiedSocialCreditCode() {
    }

    /** The fault of a candidate code, or empty if it is valid (compared in upper case, after trimming). */
    public static Optional<String> fault(String candidate) {
        if (candidate == null) {
            return Optional.of("missing");
        }
        String code = candidate.trim().toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.of("must be " + LENGTH + " characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (CHARACTERS.indexOf(code.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " is not allowed (I, O, Z, S, V never occur)");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("characters 3-8 must be a region code (digits)");
            }
        }
        if (checkCharacter(code) != code.charAt(LENGTH - 1)) {
            return Optional.of("check character does not match");
        }
        return Optional.empty();
    }

    public static boolean isValid(String candidate) {
        return fault(candidate).isEmpty();
    }

    /** The normalised (trimmed, upper-case) code, or empty if it is not valid. */
    public static Optional<String> normalise(String candidate) {
        return isValid(candidate) ? Optional.of(candidate.trim().toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The check character for the first 17 characters of {@code code} (which must be from the set). */
    static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += CHARACTERS.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARACTERS.charAt(check == 31 ? 0 : check);
    }
}

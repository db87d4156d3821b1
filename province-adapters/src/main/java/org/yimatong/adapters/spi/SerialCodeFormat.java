package org.yimatong.adapters.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape platforms print their own code strings in (REQ-CODE-2): {@code <prefix>:<region>:<serial>:<check>}, the
 * region 6 digits of GB/T 2260 (the hub routes by it), the serial 20 decimal digits drawn at random by the platform,
 * and a check the platform chose against typing errors (never a protection against forgery: only the platform's live
 * answer counts). A dialect with such a format names its prefix, the regions it prints, the check's alphabet and
 * length and how the check is computed; recognising, printing and reading the serial back are the same for all.
 * <p>
 * The audit id of a recognised string is the prefix in lower case, a dash and 16 hex digits of SHA-256 of the whole
 * string: whoever holds the serial can ask for the holder's status, so the serial itself stays out of the audit.
 */
public final class SerialCodeFormat {

    private static final int REGION_DIGITS = 6;
    private static final int SERIAL_DIGITS = 20;
    private static final Pattern SERIAL = Pattern.compile("[0-9]{" + SERIAL_DIGITS + "}");

    private final String prefix;
    private final Pattern region;
    private final Pattern shape;
    private final BinaryOperator<String> check;
    private final int length;

    /**
     * @param regionPattern the regions the platform prints, a regular expression of 6 digits
     * @param checkAlphabet the characters of the check, a character class such as {@code [0-9X]}
     * @param checkLength how many characters the check has
     * @param check the check of a region and a serial
     */
    public SerialCodeFormat(String prefix, String regionPattern, String checkAlphabet, int checkLength,
            BinaryOperator<String> check) {
        this.prefix = prefix;
        this.region = Pattern.compile(regionPattern);
        this.shape = Pattern.compile(Pattern.quote(prefix) + ":(" + regionPattern + "):([0-9]{" + SERIAL_DIGITS
                + "}):(" + checkAlphabet + "{" + checkLength + "})");
        this.check = check;
        this.length = prefix.length() + 1 + REGION_DIGITS + 1 + SERIAL_DIGITS + 1 + checkLength;
    }

    /** The length of every string of this format. */
    public int length() {
        return length;
    }

    /** The region and audit id of a well-formed string whose check holds; empty for anything else. */
    public Optional<NativeCode> recognise(String code) {
        // the length first: nothing longer is even matched against the pattern
        if (code == null || code.length() != length) {
            return Optional.empty();
        }
        Matcher m = shape.matcher(code);
        if (!m.matches() || !m.group(3).equals(check.apply(m.group(1), m.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(new NativeCode(m.group(1), prefix.toLowerCase(Locale.ROOT) + "-" + HexFormat.of()
                .formatHex(digest("SHA-256", code)).substring(0, 16)));
    }

    /**
     * The string of {@code serial} at the platform of {@code region}: what the platform prints.
     *
     * @throws IllegalArgumentException unless {@code region} is one this format prints and {@code serial} 20 digits
     */
    public String format(String region, String serial) {
        if (region == null || !this.region.matcher(region).matches() || serial == null
                || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("region must be 6 digits matching " + this.region.pattern()
                    + ", serial " + SERIAL_DIGITS + " digits");
        }
        return prefix + ":" + region + ":" + serial + ":" + check.apply(region, serial);
    }

    /** The serial of a recognised string, for the platform that issued it; empty if not one. */
    public Optional<String> serialOf(String code) {
        int start = prefix.length() + 1 + REGION_DIGITS + 1;
        return recognise(code).map(c -> code.substring(start, start + SERIAL_DIGITS));
    }

    /** A digest of {@code text} (US-ASCII) with a JDK algorithm. */
    public static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}

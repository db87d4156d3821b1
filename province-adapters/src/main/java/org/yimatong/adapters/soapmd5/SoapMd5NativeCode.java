package org.yimatong.adapters.soapmd5;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.spi.NativeCodes;

/**
 * The code string a {@code soap-md5} platform prints itself (REQ-CODE-2), from before it knew of signed codes:
 * {@code JKM1:<region>:<serial>:<check>}, e.g. {@code JKM1:330000:48120937561029384756:9F3A}.
 *
 * <ul>
 * <li>{@code JKM1}: 健康码, format 1;
 * <li>{@code region}: the 6-digit GB/T 2260 region of the issuing platform, first digit 1-9 (the hub routes by it);
 * <li>{@code serial}: 20 decimal digits, the platform's number for this person's code (about 66 bits, drawn at
 * random, so a serial cannot be guessed from another);
 * <li>{@code check}: the first 4 hex digits, upper case, of {@code MD5("JKM1:<region>:<serial>")}, so a mistyped or
 * misread code is refused before anybody is asked (MD5 is the platform's choice, as for its password: a check
 * against typing errors, not a protection against forgery; only the platform's live answer says anything).
 * </ul>
 *
 * <p>The string carries no colour and no person: the platform answers for it at {@code QueryCodeStatus}, as for any
 * {@code QrCode}. Its audit id ({@link NativeCode#codeId()}) is {@code jkm1-} and 16 hex digits of SHA-256 of the
 * whole string: whoever holds the serial can ask for the holder's status, so the serial itself stays out of the
 * audit.
 */
public final class SoapMd5NativeCode implements NativeCodes {

    /** The recogniser, stateless. */
    public static final SoapMd5NativeCode RECOGNISER = new SoapMd5NativeCode();

    public static final String PREFIX = "JKM1";
    /** Length of every code of format 1: {@code JKM1:} + 6 + 1 + 20 + 1 + 4. */
    public static final int LENGTH = 37;

    private static final Pattern SHAPE = Pattern.compile("JKM1:([1-9][0-9]{5}):([0-9]{20}):([0-9A-F]{4})");
    private static final Pattern SERIAL = Pattern.compile("[0-9]{20}");
    private static final Pattern REGION = Pattern.compile("[1-9][0-9]{5}");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SoapMd5NativeCode() {
    }

    @Override
    public Optional<NativeCode> recognise(String code) {
        // the length first: nothing longer is even matched against the pattern
        if (code == null || code.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(code);
        if (!m.matches() || !m.group(3).equals(check(m.group(1), m.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(new NativeCode(m.group(1), "jkm1-" + HexFormat.of().formatHex(digest("SHA-256",
                code)).substring(0, 16)));
    }

    /**
     * The code string of {@code serial} at the platform of {@code region}: what the platform prints.
     *
     * @throws IllegalArgumentException unless {@code region} is 6 digits (first 1-9) and {@code serial} 20 digits
     */
    public static String format(String region, String serial) {
        if (region == null || !REGION.matcher(region).matches() || serial == null
                || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("region must be 6 digits, serial 20 digits");
        }
        return PREFIX + ":" + region + ":" + serial + ":" + check(region, serial);
    }

    /** The serial of a recognised code string, for the platform that issued it; empty if not one. */
    public static Optional<String> serialOf(String code) {
        return RECOGNISER.recognise(code).map(c -> code.substring(12, 32));
    }

    private static String check(String region, String serial) {
        return HEX.formatHex(digest("MD5", PREFIX + ":" + region + ":" + serial)).substring(0, 4);
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}

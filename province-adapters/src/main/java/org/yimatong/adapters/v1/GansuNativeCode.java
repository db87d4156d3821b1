package org.yimatong.adapters.v1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.schemas.idnumber.Iso7064;

/**
 * The code string Gansu's platform prints itself (甘肃健康码, REQ-CODE-2), the one native format of a {@code v1}
 * platform: {@code GSJKM1:<region>:<serial>:<check>}, e.g. {@code GSJKM1:620000:48120937561029384756:7}.
 *
 * <ul>
 * <li>{@code GSJKM1}: 甘肃健康码, format 1;
 * <li>{@code region}: the 6-digit GB/T 2260 region of the issuing platform, in Gansu ({@code 62}, first two digits);
 * the hub routes by it;
 * <li>{@code serial}: 20 decimal digits, the platform's number for this person's code (about 66 bits, drawn at
 * random, so a serial cannot be guessed from another);
 * <li>{@code check}: the ISO 7064 MOD 11-2 check character ({@code 0}-{@code 9} or {@code X}, as the last character
 * of a resident ID number, GB 11643) of the 26 digits of region and serial, so a mistyped or misread code is refused
 * before anybody is asked (a check against typing errors, not forgery: only the platform's live answer counts).
 * </ul>
 *
 * <p>The string carries no colour, no validity and no person. A {@code v1} platform answers for it as for its signed
 * codes: the {@code v1} adapter sends it as the {@code code} of {@code POST /member/v1/verifications}, which the
 * member contract allows (a member's native code). Its audit id ({@link NativeCode#codeId()}) is {@code gsjkm1-} and
 * 16 hex digits of SHA-256 of the whole string: whoever holds the serial can ask for the holder's status, so the
 * serial itself stays out of the audit.
 */
public final class GansuNativeCode implements NativeCodes {

    /** The recogniser, stateless. */
    public static final GansuNativeCode RECOGNISER = new GansuNativeCode();

    public static final String PREFIX = "GSJKM1";
    /** Length of every code of format 1: {@code GSJKM1:} + 6 + 1 + 20 + 1 + 1. */
    public static final int LENGTH = 36;

    private static final Pattern SHAPE = Pattern.compile("GSJKM1:(62[0-9]{4}):([0-9]{20}):([0-9X])");
    private static final Pattern SERIAL = Pattern.compile("[0-9]{20}");
    private static final Pattern REGION = Pattern.compile("62[0-9]{4}");

    private GansuNativeCode() {
    }

    @Override
    public Optional<NativeCode> recognise(String code) {
        // the length first: nothing longer is even matched against the pattern
        if (code == null || code.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(code);
        if (!m.matches() || m.group(3).charAt(0) != Iso7064.mod11_2(m.group(1) + m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new NativeCode(m.group(1), "gsjkm1-" + HexFormat.of().formatHex(sha256(code))
                .substring(0, 16)));
    }

    /**
     * The code string of {@code serial} at the platform of {@code region}: what the platform prints.
     *
     * @throws IllegalArgumentException unless {@code region} is 6 digits of Gansu ({@code 62....}) and
     *     {@code serial} 20 digits
     */
    public static String format(String region, String serial) {
        if (region == null || !REGION.matcher(region).matches() || serial == null
                || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("region must be 6 digits starting 62, serial 20 digits");
        }
        return PREFIX + ":" + region + ":" + serial + ":" + Iso7064.mod11_2(region + serial);
    }

    /** The serial of a recognised code string, for the platform that issued it; empty if not one. */
    public static Optional<String> serialOf(String code) {
        return RECOGNISER.recognise(code).map(c -> code.substring(14, 34));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

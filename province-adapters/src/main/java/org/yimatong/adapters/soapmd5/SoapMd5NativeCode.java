package org.yimatong.adapters.soapmd5;

import java.util.HexFormat;
import java.util.Optional;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.adapters.spi.SerialCodeFormat;

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
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SerialCodeFormat FORMAT = new SerialCodeFormat(PREFIX, "[1-9][0-9]{5}", "[0-9A-F]", 4,
            (region, serial) -> HEX.formatHex(SerialCodeFormat.digest("MD5", PREFIX + ":" + region + ":" + serial))
                    .substring(0, 4));
    /** Length of every code of format 1: {@code JKM1:} + 6 + 1 + 20 + 1 + 4. */
    public static final int LENGTH = FORMAT.length();

    private SoapMd5NativeCode() {
    }

    @Override
    public Optional<NativeCode> recognise(String code) {
        return FORMAT.recognise(code);
    }

    /**
     * The code string of {@code serial} at the platform of {@code region}: what the platform prints.
     *
     * @throws IllegalArgumentException unless {@code region} is 6 digits (first 1-9) and {@code serial} 20 digits
     */
    public static String format(String region, String serial) {
        return FORMAT.format(region, serial);
    }

    /** The serial of a recognised code string, for the platform that issued it; empty if not one. */
    public static Optional<String> serialOf(String code) {
        return FORMAT.serialOf(code);
    }
}

package org.yimatong.adapters.v1;

import java.util.Optional;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.adapters.spi.SerialCodeFormat;
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
    private static final SerialCodeFormat FORMAT = new SerialCodeFormat(PREFIX, "62[0-9]{4}", "[0-9X]", 1,
            (region, serial) -> String.valueOf(Iso7064.mod11_2(region + serial)));
    /** Length of every code of format 1: {@code GSJKM1:} + 6 + 1 + 20 + 1 + 1. */
    public static final int LENGTH = FORMAT.length();

    private GansuNativeCode() {
    }

    @Override
    public Optional<NativeCode> recognise(String code) {
        return FORMAT.recognise(code);
    }

    /**
     * The code string of {@code serial} at the platform of {@code region}: what the platform prints.
     *
     * @throws IllegalArgumentException unless {@code region} is 6 digits of Gansu ({@code 62....}) and
     *     {@code serial} 20 digits
     */
    public static String format(String region, String serial) {
        return FORMAT.format(region, serial);
    }

    /** The serial of a recognised code string, for the platform that issued it; empty if not one. */
    public static Optional<String> serialOf(String code) {
        return FORMAT.serialOf(code);
    }
}

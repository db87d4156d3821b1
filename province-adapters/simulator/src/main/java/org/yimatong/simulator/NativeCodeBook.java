package org.yimatong.simulator;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.adapters.v1.GansuNativeCode;

/**
 * The code strings a platform prints for its residents in its own format (REQ-CODE-2): a legacy {@code soap-md5}
 * platform's {@code JKM1} ({@link SoapMd5NativeCode}, answered at {@code QueryCodeStatus}) or Gansu's
 * {@code GSJKM1} ({@link GansuNativeCode}, answered at {@code POST /member/v1/verifications}). One per resident, as
 * such platforms printed a person's code once, drawn at random (20 digits) on first ask and kept for the run.
 * Thread-safe.
 */
final class NativeCodeBook {

    /** A platform's own format: how it prints a serial, how it reads one back. */
    enum Format {
        JKM1(SoapMd5NativeCode.RECOGNISER, SoapMd5NativeCode::format, SoapMd5NativeCode::serialOf),
        GSJKM1(GansuNativeCode.RECOGNISER, GansuNativeCode::format, GansuNativeCode::serialOf);

        private final NativeCodes recogniser;
        private final BinaryOperator<String> format;
        private final Function<String, Optional<String>> serialOf;

        Format(NativeCodes recogniser, BinaryOperator<String> format, Function<String, Optional<String>> serialOf) {
            this.recogniser = recogniser;
            this.format = format;
            this.serialOf = serialOf;
        }
    }

    private final String region;
    private final Format format;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, String> byResident = new HashMap<>();
    private final Map<String, Integer> bySerial = new HashMap<>();

    NativeCodeBook(String region, Format format) {
        this.region = region;
        this.format = format;
    }

    /**
     * The book of the platform {@code options} describe: {@code JKM1} behind the SOAP gateway, {@code GSJKM1} for
     * Gansu's platform ({@code --profile gansu}, a region of Gansu); none for any other platform.
     */
    static Optional<NativeCodeBook> of(SimulatorOptions options) {
        if (options.soapAppId().isPresent()) {
            return Optional.of(new NativeCodeBook(options.region(), Format.JKM1));
        }
        if (options.gansu() && options.region().startsWith("62")) {
            return Optional.of(new NativeCodeBook(options.region(), Format.GSJKM1));
        }
        return Optional.empty();
    }

    /** This platform's format. */
    Format format() {
        return format;
    }

    /** Resident {@code n}'s code string, printed on first ask. */
    synchronized String codeOf(int n) {
        return format.format.apply(region, byResident.computeIfAbsent(n, k -> {
            String serial;
            do {
                serial = String.format("%010d%010d", random.nextLong(10_000_000_000L),
                        random.nextLong(10_000_000_000L));
            } while (bySerial.containsKey(serial));
            bySerial.put(serial, k);
            return serial;
        }));
    }

    /** Whether {@code code} is a string of this platform's format and region (printed here or not). */
    boolean isOwnFormat(String code) {
        return format.recogniser.recognise(code).filter(c -> c.rgn().equals(region)).isPresent();
    }

    /** The resident a printed code string of this platform is for; empty for anything else. */
    synchronized Optional<Integer> residentOf(String code) {
        if (!isOwnFormat(code)) {
            return Optional.empty();
        }
        return format.serialOf.apply(code).map(bySerial::get);
    }
}

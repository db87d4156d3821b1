package org.yimatong.simulator;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;

/**
 * The code strings a legacy {@code soap-md5} platform prints for its residents (REQ-CODE-2,
 * {@link SoapMd5NativeCode}): one per resident, as such platforms printed a person's code once, drawn at random
 * (20 digits) on first ask and kept for the run. The gateway answers {@code QueryCodeStatus} for them. Thread-safe.
 */
final class NativeCodeBook {

    private final String region;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, String> byResident = new HashMap<>();
    private final Map<String, Integer> bySerial = new HashMap<>();

    NativeCodeBook(String region) {
        this.region = region;
    }

    /** Resident {@code n}'s code string, printed on first ask. */
    synchronized String codeOf(int n) {
        return SoapMd5NativeCode.format(region, byResident.computeIfAbsent(n, k -> {
            String serial;
            do {
                serial = String.format("%010d%010d", random.nextLong(10_000_000_000L),
                        random.nextLong(10_000_000_000L));
            } while (bySerial.containsKey(serial));
            bySerial.put(serial, k);
            return serial;
        }));
    }

    /** The resident a printed code string of this platform is for; empty for anything else. */
    synchronized Optional<Integer> residentOf(String code) {
        if (SoapMd5NativeCode.RECOGNISER.recognise(code).filter(c -> c.rgn().equals(region)).isEmpty()) {
            return Optional.empty();
        }
        return SoapMd5NativeCode.serialOf(code).map(bySerial::get);
    }
}

package org.yimatong.adapters.soapmd5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.AdapterRegistry;
import org.yimatong.adapters.spi.NativeCode;

/** The {@code soap-md5} platform's own code string, {@code JKM1:<region>:<serial>:<check>} (REQ-CODE-2). */
class SoapMd5NativeCodeTest {

    /**
     * check: {@code printf 'JKM1:440000:48120937561029384756' | md5sum} (02b2...); audit id:
     * {@code printf 'JKM1:440000:48120937561029384756:02B2' | sha256sum} (2057113ceb5459fb...).
     */
    static final String CODE = "JKM1:440000:48120937561029384756:02B2";

    @Test
    void aPrintedCodeIsRecognisedWithItsRegionAndAnAuditIdThatIsNotTheSerial() {
        Optional<NativeCode> code = SoapMd5NativeCode.RECOGNISER.recognise(CODE);

        assertEquals(Optional.of(new NativeCode("440000", "jkm1-2057113ceb5459fb")), code);
    }

    @Test
    void formatPrintsWhatTheRecogniserKnows() {
        assertEquals(CODE, SoapMd5NativeCode.format("440000", "48120937561029384756"));
        assertEquals(Optional.of("48120937561029384756"), SoapMd5NativeCode.serialOf(CODE));
    }

    @Test
    void everySingleDigitTypoIsRejectedLocally() {
        for (int i = 5; i < CODE.length(); i++) {
            char original = CODE.charAt(i);
            String alphabet = i >= 33 ? "0123456789ABCDEF" : "0123456789";
            for (char c : alphabet.toCharArray()) {
                if (c != original && CODE.charAt(i) != ':') {
                    String typo = CODE.substring(0, i) + c + CODE.substring(i + 1);
                    assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(typo), typo);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "JKM1", "JKM1:440000:48120937561029384756:02b2",
            "jkm1:440000:48120937561029384756:02B2", "JKM2:440000:48120937561029384756:02B2",
            " JKM1:440000:48120937561029384756:02B2", "JKM1:440000:48120937561029384756:02B2 ",
            "JKM1:040000:48120937561029384756:02B2", "JKM1:440000:4812093756102938475:02B2",
            "JKM1:440000:481209375610293847560:02B2", "JKM1:440000:48120937561029384756:02B",
            "JKM1:４40000:48120937561029384756:02B2",
            "eyJ0eXAiOiJ5bXQtY29kZStqd3QifQ.e30.c2ln", "SS440000QR00000001",
            "JKM1:440000:48120937561029384756:02B2\n" })
    void anythingElseIsNotANativeCodeOfThisDialect(String code) {
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(code));
    }

    @Test
    void garbageNeverThrows() {
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(null));
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise("\0".repeat(37)));
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(CODE.replace(':', '\0')));
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise("J".repeat(10_000_000)));
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(2) == 0 ? 37 : random.nextInt(80)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(random.nextInt(4) == 0 ? 0x10000 : 0x80);
            }
            assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(new String(chars)));
        }
    }

    @Test
    void manyDrawnSerialsRoundTrip() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            String serial = String.format("%010d%010d", random.nextLong(10_000_000_000L),
                    random.nextLong(10_000_000_000L));
            String code = SoapMd5NativeCode.format("620000", serial);
            assertEquals(SoapMd5NativeCode.LENGTH, code.length());
            NativeCode recognised = SoapMd5NativeCode.RECOGNISER.recognise(code).orElseThrow();
            assertEquals("620000", recognised.rgn());
            assertFalse(recognised.codeId().contains(serial.substring(0, 8)), recognised.codeId());
        }
    }

    @Test
    void formatRefusesWhatNoPlatformPrints() {
        assertThrows(IllegalArgumentException.class, () -> SoapMd5NativeCode.format("44000", "1".repeat(20)));
        assertThrows(IllegalArgumentException.class, () -> SoapMd5NativeCode.format("440000", "1".repeat(19)));
        assertThrows(IllegalArgumentException.class, () -> SoapMd5NativeCode.format(null, "1".repeat(20)));
    }

    @Test
    void theRegistryOffersThisRecogniserForSoapMd5Only() {
        AdapterRegistry registry = StandardAdapters.registry();

        assertSame(SoapMd5NativeCode.RECOGNISER, registry.nativeCodes("soap-md5").orElseThrow());
        assertTrue(registry.nativeCodes().contains(SoapMd5NativeCode.RECOGNISER));
        // v1 has a recogniser of its own (Gansu's strings, GansuNativeCodeTest); the other dialects print none
        for (String other : new String[]{ "json-hmac", "national-relay", "csv-list", "fax", null }) {
            assertTrue(registry.nativeCodes(other).isEmpty(), String.valueOf(other));
        }
    }
}

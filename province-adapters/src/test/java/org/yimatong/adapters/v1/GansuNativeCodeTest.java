package org.yimatong.adapters.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.spi.AdapterRegistry;
import org.yimatong.adapters.spi.NativeCode;

/** Gansu's own code string, {@code GSJKM1:<region>:<serial>:<check>} (REQ-CODE-2), recognised by the v1 dialect. */
class GansuNativeCodeTest {

    /**
     * Computed apart from the class (Python): check = ISO 7064 MOD 11-2 of {@code 62000048120937561029384756}, the
     * weights {@code pow(2, k, 11)} from the right (the same function gives {@code X} for the GB 11643 example
     * {@code 11010519491231002}); audit id: {@code printf 'GSJKM1:620000:48120937561029384756:7' | sha256sum}.
     */
    static final String CODE = "GSJKM1:620000:48120937561029384756:7";
    /** A serial whose check character is 10, written X. */
    static final String CODE_X = "GSJKM1:620000:48120937561029384004:X";

    @Test
    void aPrintedCodeIsRecognisedWithItsRegionAndAnAuditIdThatIsNotTheSerial() {
        assertEquals(Optional.of(new NativeCode("620000", "gsjkm1-989fee99849738b4")),
                GansuNativeCode.RECOGNISER.recognise(CODE));
        assertEquals(Optional.of(new NativeCode("620000", "gsjkm1-5c0ab173163b7eee")),
                GansuNativeCode.RECOGNISER.recognise(CODE_X));
        assertEquals(Optional.of(new NativeCode("620100", "gsjkm1-9d92cc552f94738b")),
                GansuNativeCode.RECOGNISER.recognise("GSJKM1:620100:00000000000000000000:7"));
    }

    @Test
    void formatPrintsWhatTheRecogniserKnows() {
        assertEquals(CODE, GansuNativeCode.format("620000", "48120937561029384756"));
        assertEquals(CODE_X, GansuNativeCode.format("620000", "48120937561029384004"));
        assertEquals("GSJKM1:621200:99999999999999999999:5", GansuNativeCode.format("621200", "9".repeat(20)));
        assertEquals(Optional.of("48120937561029384756"), GansuNativeCode.serialOf(CODE));
        assertEquals(Optional.empty(), GansuNativeCode.serialOf(CODE.replace(":7", ":8")));
    }

    @Test
    void everySingleCharacterTypoIsRejectedLocally() {
        for (String code : List.of(CODE, CODE_X)) {
            for (int i = 7; i < code.length(); i++) {
                for (char c : "0123456789X".toCharArray()) {
                    if (c != code.charAt(i) && code.charAt(i) != ':') {
                        String typo = code.substring(0, i) + c + code.substring(i + 1);
                        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(typo), typo);
                    }
                }
            }
        }
    }

    @Test
    void everySwapOfTwoNeighbouringDifferentDigitsIsRejectedLocally() {
        String digits = CODE.substring(7, 13) + CODE.substring(14, 34);
        for (int i = 0; i + 1 < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(i + 1)) {
                String swapped = digits.substring(0, i) + digits.charAt(i + 1) + digits.charAt(i)
                        + digits.substring(i + 2);
                String typo = "GSJKM1:" + swapped.substring(0, 6) + ":" + swapped.substring(6) + ":7";
                assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(typo), typo);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "GSJKM1", "gsjkm1:620000:48120937561029384756:7",
            "GSJKM2:620000:48120937561029384756:7", "GSJKM1:620000:48120937561029384004:x",
            " GSJKM1:620000:48120937561029384756:7", "GSJKM1:620000:48120937561029384756:7 ",
            // outside Gansu: 31 Shanghai, 63 Qinghai, with their own right check characters
            "GSJKM1:310000:48120937561029384756:0", "GSJKM1:630000:48120937561029384756:8",
            "GSJKM1:620000:4812093756102938475:7", "GSJKM1:620000:481209375610293847560:7",
            "GSJKM1:６20000:48120937561029384756:7", "GSJKM1-620000-48120937561029384756-7",
            "JKM1:620000:48120937561029384756:24F3", "eyJ0eXAiOiJ5bXQtY29kZStqd3QifQ.e30.c2ln",
            "GSJKM1:620000:48120937561029384756:7\n" })
    void anythingElseIsNotAGansuCode(String code) {
        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(code));
    }

    @Test
    void theTwoNativeFormatsNeverClaimEachOthersStrings() {
        String soap = SoapMd5NativeCode.format("620000", "48120937561029384756");

        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(soap));
        assertEquals(Optional.empty(), SoapMd5NativeCode.RECOGNISER.recognise(CODE));
    }

    @Test
    void garbageNeverThrows() {
        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(null));
        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise("\0".repeat(GansuNativeCode.LENGTH)));
        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(CODE.replace(':', '\0')));
        assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise("G".repeat(10_000_000)));
        SplittableRandom random = new SplittableRandom(20200221);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(2) == 0 ? GansuNativeCode.LENGTH : random.nextInt(80)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(random.nextInt(4) == 0 ? 0x10000 : 0x80);
            }
            assertEquals(Optional.empty(), GansuNativeCode.RECOGNISER.recognise(new String(chars)));
        }
    }

    @Test
    void manyDrawnSerialsRoundTrip() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            String serial = String.format("%010d%010d", random.nextLong(10_000_000_000L),
                    random.nextLong(10_000_000_000L));
            String code = GansuNativeCode.format("620000", serial);
            assertEquals(GansuNativeCode.LENGTH, code.length());
            NativeCode recognised = GansuNativeCode.RECOGNISER.recognise(code).orElseThrow();
            assertEquals("620000", recognised.rgn());
            assertEquals(Optional.of(serial), GansuNativeCode.serialOf(code));
            assertFalse(recognised.codeId().contains(serial.substring(0, 8)), recognised.codeId());
        }
    }

    @Test
    void formatRefusesWhatGansuNeverPrints() {
        assertThrows(IllegalArgumentException.class, () -> GansuNativeCode.format("62000", "1".repeat(20)));
        assertThrows(IllegalArgumentException.class, () -> GansuNativeCode.format("310000", "1".repeat(20)));
        assertThrows(IllegalArgumentException.class, () -> GansuNativeCode.format("620000", "1".repeat(19)));
        assertThrows(IllegalArgumentException.class, () -> GansuNativeCode.format(null, "1".repeat(20)));
    }

    @Test
    void theRegistryOffersThisRecogniserForV1AndListsItBesideSoapMd5s() {
        AdapterRegistry registry = StandardAdapters.registry();

        assertSame(GansuNativeCode.RECOGNISER, registry.nativeCodes("v1").orElseThrow());
        assertEquals(2, registry.nativeCodes().size());
        assertEquals(Set.of(GansuNativeCode.RECOGNISER, SoapMd5NativeCode.RECOGNISER),
                Set.copyOf(registry.nativeCodes()));
    }
}

package org.yimatong.schemas.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** RFC 8785 examples; inputs and expected outputs under {@code src/test/resources/vectors/}. */
class CanonicalJsonTest {

    @Test
    void rfc8785Section322SampleGivesTheRfcOutput() throws IOException {
        // given the §3.2.2 sample: numbers, escapes and literals, members unsorted
        JsonNode input = StrictJson.read(resource("rfc8785-3.2.2-input.json"));

        // when
        byte[] canonical = CanonicalJson.canonicalize(input);

        // then
        assertArrayEquals(resource("rfc8785-3.2.2-output.json"), canonical);
    }

    @Test
    void rfc8785Section323SortsMembersByUtf16CodeUnits() throws IOException {
        // given the §3.2.3 sample: keys from control characters to an emoji and U+FB33
        JsonNode input = StrictJson.read(resource("rfc8785-3.2.3-input.json"));

        // when
        byte[] canonical = CanonicalJson.canonicalize(input);

        // then: the emoji (surrogates D83D DE00) sorts before U+FB33 although its code point is larger
        assertEquals(new String(resource("rfc8785-3.2.3-output.json"), StandardCharsets.UTF_8),
                new String(canonical, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1E30, 1e+30",
            "4.50, 4.5",
            "2e-3, 0.002",
            "1e-7, 1e-7",
            "0.000001, 0.000001",
            "1e21, 1e+21",
            "100, 100",
            "-0, 0",
            "9007199254740993, 9007199254740992",
            "333333333.33333329, 333333333.3333333",
    })
    void numbersArePrintedAsEcmaScriptDoes(String input, String expected) {
        assertEquals(expected, CanonicalJson.canonicalText(input));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "44b52d02c7e14af6, 1e+23",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785AppendixBDoublesArePrintedAsTheRfcSays(String ieeeHex, String expected) {
        // given a double given by its IEEE 754 bits, as a Jackson node
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));

        // when
        byte[] canonical = CanonicalJson.canonicalize(DoubleNode.valueOf(value));

        // then
        assertEquals(expected, new String(canonical, StandardCharsets.US_ASCII));
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize(DoubleNode.valueOf(Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.canonicalize(StrictJson.mapper().createArrayNode()
                        .add(Double.POSITIVE_INFINITY)));
    }

    @Test
    void invalidJsonTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalText("{\"a\":"));
    }

    @Test
    void recordsAndMapsAreCanonicalisedThroughJackson() {
        // given a map whose insertion order is not the canonical order
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", "x");

        // when / then
        assertEquals("{\"a\":\"x\",\"b\":1}", new String(CanonicalJson.canonicalize((Object) value),
                StandardCharsets.UTF_8));
    }

    @Test
    void appendStringMatchesTheReferenceImplementationForEveryEscapeClass() {
        // given every C0 control, quote, backslash, slash, DEL, U+2028, non-ASCII and a surrogate pair
        StringBuilder tricky = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            tricky.append(c);
        }
        tricky.append("\"\\/\u007f\u2028é€😀 plain");

        // when
        StringBuilder direct = new StringBuilder();
        CanonicalJson.appendString(direct, tricky.toString());

        // then
        String reference = new String(CanonicalJson.canonicalize(TextNode.valueOf(tricky.toString())),
                StandardCharsets.UTF_8);
        assertEquals(reference, direct.toString());
    }

    @Test
    void appendStringRefusesALoneSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.appendString(new StringBuilder(), "a\ud800"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IOException("missing test vector " + name);
            }
            return in.readAllBytes();
        }
    }
}

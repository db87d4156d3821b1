package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** SM3 against the two examples of GB/T 32905 Appendix A. */
class Sm3Test {

    @Test
    void digestOfAbcIsTheStandardExample() {
        // given the 3-byte message of example 1
        byte[] message = "abc".getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Sm3.hex(message));
    }

    @Test
    void digestOfSixtyFourBytesIsTheStandardExample() {
        // given "abcd" sixteen times: a full 512-bit block, so padding spills into a second block
        byte[] message = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732", Sm3.hex(message));
    }
}

package org.yimatong.tokens.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = { "9144030071526726XG", "914403001922038216", "91330100716105852F",
            "91110000802100433B", "91350100M000100Y43" })
    void publishedCodesAreValid(String code) {
        assertEquals(Optional.empty(), UnifiedSocialCreditCode.fault(code));
    }

    @Test
    void wrongCheckCharacterIsRefused() {
        assertEquals(Optional.of("check character does not match"),
                UnifiedSocialCreditCode.fault("9144030071526726XH"));
        assertFalse(UnifiedSocialCreditCode.isValid("914403001922038217"));
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String valid = "91330100716105852F";
        for (int i = 0; i < 17; i++) {
            for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
                String changed = valid.substring(0, i) + c + valid.substring(i + 1);
                if (!changed.equals(valid) && (i < 2 || i > 7 || Character.isDigit(c))) {
                    assertFalse(UnifiedSocialCreditCode.isValid(changed), changed);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "9133010071610585I2", "91330100716105852", "91330100716105852FF", "91AB0100716105852F",
            "", "91330100O16105852F" })
    void wrongLengthCharacterSetOrRegionIsRefused(String code) {
        assertTrue(UnifiedSocialCreditCode.fault(code).isPresent(), code);
    }

    @Test
    void lowerCaseAndSurroundingSpaceAreNormalised() {
        assertEquals(Optional.of("9144030071526726XG"), UnifiedSocialCreditCode.normalise(" 9144030071526726xg "));
        assertEquals(Optional.empty(), UnifiedSocialCreditCode.normalise(null));
    }
}

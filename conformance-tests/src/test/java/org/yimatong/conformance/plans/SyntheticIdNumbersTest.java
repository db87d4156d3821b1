package org.yimatong.conformance.plans;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.idnumber.ResidentIdNumber;

class SyntheticIdNumbersTest {

    @Test
    void numbersAreValidAndDrawnAfresh() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String number = SyntheticIdNumbers.fresh();
            assertTrue(ResidentIdNumber.isValid(number), number.substring(0, 6) + "...");
            seen.add(number);
        }
        assertTrue(seen.size() > 1, "the same number every time");
    }
}

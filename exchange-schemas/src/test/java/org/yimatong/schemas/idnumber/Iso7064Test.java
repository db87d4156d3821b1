package org.yimatong.schemas.idnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Iso7064Test {

    @Test
    void theExampleOfGb11643EndsInX() {
        assertEquals('X', Iso7064.mod11_2("11010519491231002"));
        assertEquals('X', Iso7064.mod11_2(new StringBuilder("11010519491231002")));
    }

    @Test
    void anyLengthAgreesWithTheDefinition() {
        Random random = new Random(7064);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder digits = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            assertEquals(definition(digits.toString()), Iso7064.mod11_2(digits), digits.toString());
        }
    }

    @Test
    void theCheckCharacterOfAResidentIdNumberIsTheSame() {
        assertEquals(ResidentIdNumber.checkCharacter("31010120000229123"), Iso7064.mod11_2("31010120000229123"));
        assertEquals('7', Iso7064.mod11_2("31010120000229123"));
    }

    @Test
    void anythingButDigitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Iso7064.mod11_2(null));
        assertThrows(IllegalArgumentException.class, () -> Iso7064.mod11_2("1101051949123100X"));
        assertThrows(IllegalArgumentException.class, () -> Iso7064.mod11_2("１１"));
    }

    /** The digit i from the right of the check character weighs 2^i mod 11; sum + c = 1 (mod 11), 10 written X. */
    private static char definition(String digits) {
        int sum = 0;
        for (int k = 0; k < digits.length(); k++) {
            int weight = BigInteger.TWO.pow(digits.length() - k).mod(BigInteger.valueOf(11)).intValue();
            sum += (digits.charAt(k) - '0') * weight;
        }
        int c = Math.floorMod(1 - sum, 11);
        return c == 10 ? 'X' : (char) ('0' + c);
    }
}

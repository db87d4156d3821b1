package org.yimatong.conformance.plans;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.yimatong.schemas.idnumber.ResidentIdNumber;

/**
 * Resident ID numbers the suite makes up to send where the contract must refuse one: well formed (GB 11643 check
 * character, a real region, a past birth date), so a target cannot pass by refusing only malformed strings, but
 * drawn at random for each run, so no one's number is in the suite or in its reports.
 */
public final class SyntheticIdNumbers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter BIRTH = DateTimeFormatter.BASIC_ISO_DATE;

    private SyntheticIdNumbers() {
    }

    /** A fresh, valid number registered in Beijing's Chaoyang district (110105). */
    public static String fresh() {
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(RANDOM.nextInt(365 * 50));
        String body = "110105" + BIRTH.format(born) + String.format("%03d", RANDOM.nextInt(1000));
        String number = body + ResidentIdNumber.checkCharacter(body);
        if (!ResidentIdNumber.isValid(number)) {
            throw new IllegalStateException("a synthetic ID number came out invalid");
        }
        return number;
    }
}

package org.yimatong.schemas.idnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Resident ID numbers. Every check character below other than the published example was computed with
 * the ISO 7064 MOD 11-2 rule, written out in the comment (digit x weight, sum, sum mod 11 -> character
 * from {@code 1 0 X 9 8 7 6 5 4 3 2}) and cross-checked by {@link #iso7064CheckCharacter(String)}, which
 * derives the weights from the standard's definition instead of the table.
 */
class ResidentIdNumberTest {

    /** Today is 2026-11-27 in China for every date-dependent test. */
    private static final Clock TODAY = Clock.fixed(
            ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant(),
            ZoneId.of("Asia/Shanghai"));

    /** The published example of GB 11643-1999: sum 167, 167 mod 11 = 2 -> X. */
    private static final String EXAMPLE = "11010519491231002X";

    /*
     * 31010120000229123 + check: 3*7 + 1*9 + 0*10 + 1*5 + 0*8 + 1*4 + 2*2 + 0*1 + 0*6 + 0*3 + 0*7 + 2*9
     * + 2*10 + 9*5 + 1*8 + 2*4 + 3*2 = 21+9+0+5+0+4+4+0+0+0+0+18+20+45+8+8+6 = 148; 148 mod 11 = 5 -> 7.
     */
    private static final String LEAP_DAY_2000 = "310101200002291237";

    /* 83000019900101123: 8*7+3*9+0+0+0+0+1*2+9*1+9*6+0*3+0*7+1*9+0*10+1*5+1*8+2*4+3*2 = 184; mod 11 = 8 -> 4. */
    private static final String TAIWAN_RESIDENT_PERMIT = "830000199001011234";

    /* 81000019850615456: sum 292, mod 11 = 6 -> 6. */
    private static final String HONG_KONG_RESIDENT_PERMIT = "810000198506154566";

    /* 82000019851120789: sum 290, mod 11 = 4 -> 8. */
    private static final String MACAO_RESIDENT_PERMIT = "820000198511207898";

    // ---- valid numbers

    @Test
    void publishedExampleIsValidWithCheckCharacterX() {
        assertEquals(Optional.empty(), ResidentIdNumber.validate(EXAMPLE, TODAY));
        assertEquals('X', ResidentIdNumber.checkCharacter(EXAMPLE));
        ResidentIdNumber id = ResidentIdNumber.parse(EXAMPLE, null, TODAY);
        assertEquals(EXAMPLE, id.value());
        assertEquals("11", id.prefix());
        assertEquals("110105", id.regionCode());
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
        assertEquals(IdDocumentType.RESIDENT_ID_CARD, id.documentType());
    }

    @Test
    void lowercaseXAndSurroundingSpaceAreNormalised() {
        ResidentIdNumber id = ResidentIdNumber.parse("  11010519491231002x\t", null, TODAY);
        assertEquals(EXAMPLE, id.value());
        assertEquals(ResidentIdNumber.parse(EXAMPLE, null, TODAY), id);
    }

    @Test
    void residencePermitPrefixes81To83AreValidAndNameTheirDocument() {
        assertEquals(IdDocumentType.RESIDENCE_PERMIT_TAIWAN,
                ResidentIdNumber.parse(TAIWAN_RESIDENT_PERMIT, null, TODAY).documentType());
        assertEquals(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO,
                ResidentIdNumber.parse(HONG_KONG_RESIDENT_PERMIT, null, TODAY).documentType());
        assertEquals(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO,
                ResidentIdNumber.parse(MACAO_RESIDENT_PERMIT, null, TODAY).documentType());
    }

    @Test
    void leapDayOf2000IsValid() {
        assertEquals(Optional.empty(), ResidentIdNumber.validate(LEAP_DAY_2000, TODAY));
    }

    @Test
    void birthDatesOnTheBoundariesAreValid() {
        // 31010119000101123: sum 86, mod 11 = 9 -> 3
        assertEquals(Optional.empty(), ResidentIdNumber.validate("310101190001011233", TODAY));
        // 31010120261127123 (born today): sum 166, mod 11 = 1 -> 0
        assertEquals(Optional.empty(), ResidentIdNumber.validate("310101202611271230", TODAY));
    }

    // ---- faults, one each

    @Test
    void wrongCheckDigitIsRefused() {
        assertEquals(Optional.of(IdNumberFault.BAD_CHECK_CHARACTER),
                ResidentIdNumber.validate("110105194912310020", TODAY));
        assertEquals(Optional.of(IdNumberFault.BAD_CHECK_CHARACTER),
                ResidentIdNumber.validate("31010120000229123X", TODAY));
    }

    @Test
    void february30IsImpossible() {
        // 31010119900230123: sum 174, mod 11 = 9 -> 3 (a correct check character, so only the date is wrong)
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101199002301233",
                TODAY));
    }

    @Test
    void february29OfNonLeapYearsIsImpossible() {
        // 31010119990229123: sum 236, mod 11 = 5 -> 7
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101199902291237",
                TODAY));
        // 1900 is not a leap year (divisible by 100, not by 400). 31010119000229123: sum 155, mod 11 = 1 -> 0
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101190002291230",
                TODAY));
    }

    @Test
    void birthDateInTheFutureIsImpossible() {
        // 31010120261128123 (tomorrow): sum 171, mod 11 = 6 -> 6
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101202611281236",
                TODAY));
        // 31010120991231123: sum 206, mod 11 = 8 -> 4; against the real clock
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101209912311234"));
    }

    @Test
    void birthDateBefore1900IsImpossible() {
        // 31010118991231123: sum 212, mod 11 = 3 -> 9
        assertEquals(Optional.of(IdNumberFault.IMPOSSIBLE_DATE), ResidentIdNumber.validate("310101189912311239",
                TODAY));
    }

    @Test
    void unknownPrefix99IsRefused() {
        // 99010119900101123: sum 254, mod 11 = 1 -> 0
        assertEquals(Optional.of(IdNumberFault.UNKNOWN_PREFIX), ResidentIdNumber.validate("990101199001011230", TODAY));
    }

    @Test
    void taiwanDivisionPrefix71IsRefusedBecauseNoIdNumberHasIt() {
        // 71000019900101123: sum 159, mod 11 = 5 -> 7
        assertEquals(Optional.of(IdNumberFault.UNKNOWN_PREFIX), ResidentIdNumber.validate("710000199001011237", TODAY));
    }

    @Test
    void wrongLengthIsRefused() {
        assertEquals(Optional.of(IdNumberFault.WRONG_LENGTH), ResidentIdNumber.validate("11010519491231002", TODAY));
        assertEquals(Optional.of(IdNumberFault.WRONG_LENGTH), ResidentIdNumber.validate("11010519491231002X1", TODAY));
        assertEquals(Optional.of(IdNumberFault.WRONG_LENGTH), ResidentIdNumber.validate("110105491231002", TODAY));
        assertEquals(Optional.of(IdNumberFault.WRONG_LENGTH), ResidentIdNumber.validate("", TODAY));
        assertEquals(Optional.of(IdNumberFault.WRONG_LENGTH), ResidentIdNumber.validate(null, TODAY));
    }

    @Test
    void lettersInsideAreBadCharacters() {
        assertEquals(Optional.of(IdNumberFault.BAD_CHARACTER), ResidentIdNumber.validate("1101051949A231002X", TODAY));
        assertEquals(Optional.of(IdNumberFault.BAD_CHARACTER), ResidentIdNumber.validate("X1010519491231002X", TODAY));
        assertEquals(Optional.of(IdNumberFault.BAD_CHARACTER), ResidentIdNumber.validate("11010519491231002Y", TODAY));
        assertEquals(Optional.of(IdNumberFault.BAD_CHARACTER), ResidentIdNumber.validate("1101051949 231002X", TODAY));
        // a full-width digit is a digit to Character.isDigit, not to GB 11643
        assertEquals(Optional.of(IdNumberFault.BAD_CHARACTER), ResidentIdNumber.validate("１1010519491231002X", TODAY));
    }

    // ---- the exception

    @Test
    void parseThrowsInvalidIdNumberProblemNamingTheFaultWithoutTheNumber() {
        String bad = "110105194912310020";
        ProblemException e = assertThrows(ProblemException.class, () -> ResidentIdNumber.parse(bad));
        assertEquals(ProblemType.INVALID_ID_NUMBER, e.type());
        assertTrue(e.getMessage().contains(IdNumberFault.BAD_CHECK_CHARACTER.detail()), e.getMessage());
        assertFalse(e.getMessage().contains(bad), e.getMessage());
        assertFalse(e.getMessage().contains("19491231"), e.getMessage());
        assertTrue(e.errors().isEmpty());
    }

    @Test
    void parseWithPointerCarriesOneFieldError() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ResidentIdNumber.parse("990101199001011230", "/subject/idNumber"));
        assertEquals(1, e.errors().size());
        FieldError error = e.errors().get(0);
        assertEquals("/subject/idNumber", error.pointer());
        assertTrue(error.detail().contains(IdNumberFault.UNKNOWN_PREFIX.detail()));
        assertFalse(error.detail().contains("990101199001011230"));
    }

    // ---- masking

    @Test
    void maskKeepsFirstSixAndLastFour() {
        assertEquals("110105********002X", ResidentIdNumber.parse(EXAMPLE).mask());
        assertEquals("310101********1237", ResidentIdNumber.parse(LEAP_DAY_2000).mask());
    }

    @Test
    void toStringIsTheMaskAndNeverContainsTheMiddleDigits() {
        ResidentIdNumber id = ResidentIdNumber.parse(EXAMPLE);
        assertEquals(id.mask(), id.toString());
        assertFalse(id.toString().contains("19491231"));
        assertFalse(String.valueOf(id).contains(EXAMPLE));
    }

    // ---- pseudonym (DESIGN.md §7)

    private static final byte[] KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);

    @Test
    void pseudonymIs64LowercaseHexAndStableForTheSameKey() {
        String p = ResidentIdNumber.parse(EXAMPLE).pseudonym(KEY);
        assertTrue(p.matches("[0-9a-f]{64}"), p);
        assertEquals(p, ResidentIdNumber.parse(EXAMPLE).pseudonym(KEY.clone()));
    }

    @Test
    void pseudonymDiffersForADifferentKey() {
        ResidentIdNumber id = ResidentIdNumber.parse(EXAMPLE);
        assertNotEquals(id.pseudonym(KEY), id.pseudonym("ymt-list-key-2026-12".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pseudonymIsEqualForLowercaseAndUppercaseX() {
        assertEquals(ResidentIdNumber.parse("11010519491231002x").pseudonym(KEY),
                ResidentIdNumber.parse("11010519491231002X").pseudonym(KEY));
    }

    @Test
    void pseudonymMatchesHmacSm3ComputedByOpenSsl() {
        // printf 11010519491231002X | openssl dgst -sm3 -hmac ymt-list-key-2026-11   (OpenSSL 3.0.19)
        assertEquals("c0de74c830c26ccaa9f0282699d817a206b8d9eb8d51d5da52dea88ac9167676",
                ResidentIdNumber.parse(EXAMPLE).pseudonym(KEY));
        // printf 11010519491231002X | openssl dgst -sm3 -mac HMAC -macopt hexkey:000102...1f
        byte[] key32 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertEquals("b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5",
                ResidentIdNumber.parse(EXAMPLE).pseudonym(key32));
    }

    @Test
    void pseudonymRefusesAnEmptyKey() {
        ResidentIdNumber id = ResidentIdNumber.parse(EXAMPLE);
        assertThrows(IllegalArgumentException.class, () -> id.pseudonym(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> id.pseudonym(null));
    }

    // ---- the check character itself

    @Test
    void checkCharacterAgreesWithTheIso7064Definition() {
        Random random = new Random(11643);
        for (int n = 0; n < 10_000; n++) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String s = digits.toString();
            assertEquals(iso7064CheckCharacter(s), ResidentIdNumber.checkCharacter(s), s);
        }
        assertEquals('X', iso7064CheckCharacter("11010519491231002"));
        assertEquals('7', iso7064CheckCharacter("31010120000229123"));
    }

    /**
     * ISO 7064 MOD 11-2 from its definition: the digit at position i (counted from the right, the check
     * character at i = 1) has weight 2^(i-1) mod 11, and the check value c makes sum + c = 1 (mod 11),
     * i.e. c = (12 - sum mod 11) mod 11, with 10 written X.
     */
    private static char iso7064CheckCharacter(String seventeenDigits) {
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            int positionFromRight = 18 - k;
            int weight = java.math.BigInteger.TWO.pow(positionFromRight - 1).mod(java.math.BigInteger.valueOf(11))
                    .intValue();
            sum += (seventeenDigits.charAt(k) - '0') * weight;
        }
        int c = (12 - sum % 11) % 11;
        return c == 10 ? 'X' : (char) ('0' + c);
    }
}

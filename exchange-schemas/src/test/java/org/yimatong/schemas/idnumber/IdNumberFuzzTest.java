package org.yimatong.schemas.idnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * ID numbers arrive typed by people and answered by legacy platforms, so {@link ResidentIdNumber} and
 * {@link DocumentNumber} meet any text: they give a number or an {@code INVALID_ID_NUMBER} {@link ProblemException}
 * whose detail never repeats the input (DESIGN.md §9), never a raw library exception; and a number accepted once is
 * accepted again, normalised, as the same number. Inputs come from a fixed seed (see {@link Fuzz}).
 */
class IdNumberFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.now(CLOCK.withZone(ResidentIdNumber.CHINA));
    private static final List<String> PREFIXES = IntStream.rangeClosed(10, 99).mapToObj(Integer::toString)
            .filter(ResidentIdPrefixes::isAccepted).toList();
    private static final List<String> ID_TOKENS = List.of("x", "X", "-", " ", "<", "(B)", "\uff08B\uff09", "()",
            "(", ")", "\uff10", "\u00a0", "\u3000", "H", "M", "9", "0", "D", "CHN", "19000101", "20261128");
    private static final byte[] KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);

    @Test
    void anyTextIsAResidentIdNumberOrRefusedWithoutRepeatingIt() {
        forAll(0x5eed_1d00_0001L, 5000, r -> r.nextBoolean() ? Fuzz.anyString(r, 40)
                : Fuzz.mutate(r, residentId(r), ID_TOKENS), raw -> {
                    ResidentIdNumber[] parsed = new ResidentIdNumber[1];
                    ProblemException refused = refusal(ProblemException.class,
                            () -> parsed[0] = ResidentIdNumber.parse(raw, "/subject/idNumber", CLOCK));
                    assertEquals(refused == null, ResidentIdNumber.validate(raw, CLOCK).isEmpty());
                    if (refused != null) {
                        assertEquals(ProblemType.INVALID_ID_NUMBER, refused.type());
                        assertEquals("The resident ID number " + ResidentIdNumber.validate(raw, CLOCK).get().detail()
                                + ".", refused.getMessage());
                    } else {
                        stillTheSameNumber(parsed[0]);
                    }
                });
    }

    @Test
    void everyValidResidentIdNumberIsAcceptedInAnySpellingAndNormalised() {
        forAll(0x5eed_1d00_0002L, 3000, r -> {
            String id = residentId(r);
            String spelled = id.endsWith("X") && r.nextBoolean() ? id.substring(0, 17) + "x" : id;
            // no U+00A0: GB 11643 numbers are trimmed as String.strip() does, and to Java it is not whitespace
            return new String[]{ id, Fuzz.pick(r, List.of("", " ", "\t", "\u3000")) + spelled
                    + Fuzz.pick(r, List.of("", " ", "\r\n", "\u2003")) };
        }, pair -> {
            ResidentIdNumber parsed = ResidentIdNumber.parse(pair[1], null, CLOCK);
            assertEquals(pair[0], parsed.value());
            stillTheSameNumber(parsed);
        });
    }

    @Test
    void anyTextOfAnyDocumentTypeIsANumberOrRefusedWithoutRepeatingIt() {
        forAll(0x5eed_1d00_0003L, 8000, r -> {
            IdDocumentType type = Fuzz.pick(r, Arrays.asList(IdDocumentType.values()));
            String country = r.nextInt(4) == 0 ? Fuzz.anyString(r, 6) : Fuzz.pick(r, List.of("CHN", "d", "GBR ",
                    "<D<"));
            String raw = switch (r.nextInt(3)) {
                case 0 -> Fuzz.anyString(r, 40);
                case 1 -> Fuzz.mutate(r, documentNumber(r, type), ID_TOKENS);
                default -> documentNumber(r, type);
            };
            return new Object[]{ type, country, raw };
        }, input -> {
            IdDocumentType type = (IdDocumentType) input[0];
            String country = (String) input[1];
            String raw = (String) input[2];
            DocumentNumber[] parsed = new DocumentNumber[1];
            ProblemException refused = refusal(ProblemException.class,
                    () -> parsed[0] = DocumentNumber.parse(type, country, raw, "/subject", CLOCK));
            assertEquals(refused == null, DocumentNumber.validate(type, country, raw, CLOCK).isEmpty());
            if (refused != null) {
                assertEquals(ProblemType.INVALID_ID_NUMBER, refused.type());
                if (raw.strip().length() >= 8) {
                    assertFalse(refused.getMessage().contains(raw.strip()), "the refusal repeats the number");
                }
            } else {
                DocumentNumber again = DocumentNumber.parse(type, parsed[0].issuingCountry().orElse(null),
                        parsed[0].value(), null, CLOCK);
                assertEquals(parsed[0], again);
                assertEquals(parsed[0].pseudonymInput(), again.pseudonymInput());
                assertNotEquals(parsed[0].value(), parsed[0].mask());
                assertEquals(64, parsed[0].pseudonym(KEY).length());
            }
        });
    }

    @Test
    void unknownTypeCodesAreRefused() {
        forAll(0x5eed_1d00_0004L, 1000, r -> Fuzz.anyString(r, 30), code -> {
            ProblemException refused = refusal(ProblemException.class,
                    () -> DocumentNumber.parse(code, "CHN", "E12345678"));
            assertEquals(IdDocumentType.fromCode(code).isEmpty(), refused != null);
        });
    }

    private static void stillTheSameNumber(ResidentIdNumber parsed) {
        assertEquals(parsed, ResidentIdNumber.parse(parsed.value(), null, CLOCK));
        assertTrue(parsed.mask().contains("********"));
        assertEquals(parsed.pseudonym(KEY), ResidentIdNumber.parse(parsed.value(), null, CLOCK).pseudonym(KEY));
    }

    /** A valid GB 11643 number: accepted prefix, a real birth date up to today, its check character. */
    private static String residentId(SplittableRandom r) {
        LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(r.nextLong(LocalDate.of(1900, 1, 1).until(TODAY,
                java.time.temporal.ChronoUnit.DAYS) + 1));
        String first17 = Fuzz.pick(r, PREFIXES) + String.format("%04d", r.nextInt(10_000))
                + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", r.nextInt(
                        1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A number of {@code type} as people write it: maybe lower case, with spaces or hyphens. */
    private static String documentNumber(SplittableRandom r, IdDocumentType type) {
        String number = switch (type) {
            case RESIDENT_ID_CARD, RESIDENCE_PERMIT_HK_MACAO, RESIDENCE_PERMIT_TAIWAN -> residentId(r);
            case FOREIGN_PERMANENT_RESIDENCE_ID -> {
                if (r.nextBoolean()) {
                    String first17 = "9" + digits(r, 16);
                    yield first17 + ResidentIdNumber.checkCharacter(first17);
                }
                yield letters(r, 3) + digits(r, 12);
            }
            case PASSPORT -> {
                String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
                StringBuilder s = new StringBuilder();
                for (int i = 5 + r.nextInt(16); i > 0; i--) {
                    s.append(alnum.charAt(r.nextInt(alnum.length())));
                }
                yield s.toString();
            }
            case HK_MACAO_TRAVEL_PERMIT -> (r.nextBoolean() ? "H" : "M") + digits(r, r.nextBoolean() ? 8 : 10);
            case TAIWAN_COMPATRIOT_PERMIT -> digits(r, r.nextBoolean() ? 8 : 10)
                    + Fuzz.pick(r, List.of("", "(B)", "\uff08A1\uff09", " (3)"));
        };
        if (type == IdDocumentType.RESIDENT_ID_CARD || type == IdDocumentType.RESIDENCE_PERMIT_HK_MACAO
                || type == IdDocumentType.RESIDENCE_PERMIT_TAIWAN) {
            return number;
        }
        StringBuilder s = new StringBuilder();
        for (char c : number.toCharArray()) {
            s.append(r.nextInt(5) == 0 ? Character.toLowerCase(c) : c);
            if (r.nextInt(8) == 0) {
                s.append(Fuzz.pick(r, List.of(" ", "-", "\u3000", "\t")));
            }
        }
        return s.toString();
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }

    private static String letters(SplittableRandom r, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('A' + r.nextInt(26)));
        }
        return s.toString();
    }
}

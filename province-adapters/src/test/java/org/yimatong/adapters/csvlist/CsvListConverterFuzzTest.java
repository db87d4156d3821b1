package org.yimatong.adapters.csvlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.idnumber.ResidentIdPrefixes;
import org.yimatong.schemas.problem.FieldError;

/**
 * A member's daily list is a file of plaintext ID numbers from a platform the hub does not control. Whatever it
 * holds, {@link CsvListConverter} gives v1 entries and, at the end, at most one {@code member-bad-answer}
 * {@link MemberProblem} naming bad lines by number, never a raw library exception, and never an ID number in clear
 * in a problem (DESIGN.md §9); a well-formed file converts entry for entry. Inputs come from a fixed seed (see
 * {@link Fuzz}).
 */
class CsvListConverterFuzzTest {

    private static final String MEMBER = "ymt:member:440000";
    private static final byte[] KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:15:30Z"), ZoneOffset.UTC);
    private static final List<String> FIXTURES = List.of("list-bad-rows.csv", "list-header-only.csv",
            "list-not-gbk.csv", "list-red.csv", "list-utf8.csv", "list-valid.csv", "list-wrong-header.csv",
            "list-yellow.csv");
    private static final List<String> CSV_TOKENS = List.of(",", "\"", "\"\"", "\n", "\r", "\r\n", "\n\n", " ", "\t",
            "\ufeff", "红", "黄码", "绿", "01", "99", "2026-02-29 00:00:00", "+10000-01-01 00:00:00", "9999-12-31 23:59:59",
            "0000-01-01 00:00:00", "24:00:00", "x", "X", "\"a,b\"", "a\"b", "\u0000");
    private static final List<String> PREFIXES = IntStream.rangeClosed(10, 99).mapToObj(Integer::toString)
            .filter(ResidentIdPrefixes::isAccepted).toList();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** A run this long of digits would be (most of) an ID number; masks keep 6 and 4. */
    private static final Pattern ID_IN_CLEAR = Pattern.compile("[0-9]{7,}");

    private final CsvListConverter converter = new CsvListConverter(MEMBER, "440000", KEY, CLOCK);

    @Test
    void anyBytesGiveEntriesAndAtMostOneBadAnswerProblem() {
        forAll(0x5eed_c5f0_0001L, 2000, r -> r.nextBoolean() ? Fuzz.anyBytes(r, 400)
                : withHeader(Fuzz.anyBytes(r, 400)), this::convertedOrProblem);
    }

    @Test
    void aListWithAFewCharactersChangedGivesEntriesAndAtMostOneBadAnswerProblem() {
        forAll(0x5eed_c5f0_0002L, 3000, r -> Fuzz.mutate(r, new String(fixture(Fuzz.pick(r, FIXTURES)),
                CsvListConverter.GBK), CSV_TOKENS).getBytes(CsvListConverter.GBK), this::convertedOrProblem);
    }

    @Test
    void aListWithAFewBytesChangedGivesEntriesAndAtMostOneBadAnswerProblem() {
        // bytes, not characters: half a GBK double-byte character, a lone lead byte, a stray CR or NUL
        forAll(0x5eed_c5f0_0003L, 3000, r -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] file = fixture(Fuzz.pick(r, FIXTURES));
            int edits = 1 + r.nextInt(4);
            List<Integer> at = IntStream.range(0, edits).map(i -> r.nextInt(file.length + 1)).sorted().boxed().toList();
            int from = 0;
            for (int cut : at) {
                out.write(file, from, cut - from);
                byte[] noise = { (byte) 0x81, (byte) 0xff, '\r', '\n', 0, (byte) r.nextInt(256) };
                out.write(noise, r.nextInt(noise.length), 1);
                from = cut;
            }
            out.write(file, from, file.length - from);
            return out.toByteArray();
        }, this::convertedOrProblem);
    }

    @Test
    void overlongLinesAndManyBadRowsGiveOneProblem() {
        forAll(0x5eed_c5f0_0004L, 20, r -> {
            StringBuilder file = new StringBuilder(CsvListConverter.HEADER).append("\r\n");
            if (r.nextBoolean()) {
                file.append("4".repeat(4000 + r.nextInt(200_000))).append("\r\n");
            } else {
                file.append("x,y\r\n".repeat(r.nextInt(5000)));
            }
            return file.toString().getBytes(CsvListConverter.GBK);
        }, this::convertedOrProblem);
    }

    @Test
    void everyWellFormedListConvertsEntryForEntry() {
        forAll(0x5eed_c5f0_0005L, 500, r -> {
            List<String[]> rows = new ArrayList<>();
            for (int i = r.nextInt(20); i > 0; i--) {
                rows.add(row(r));
            }
            return rows;
        }, rows -> {
            StringBuilder file = new StringBuilder(CsvListConverter.HEADER + "\r\n");
            List<ListEntry> expected = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (String[] row : rows) {
                ResidentIdNumber id = ResidentIdNumber.parse(row[0], null, CLOCK);
                if (seen.contains(id.value())) {
                    continue;
                }
                seen.add(id.value());
                file.append(String.join(",", row)).append(rows.size() % 2 == 0 ? "\r\n" : "\n");
                expected.add(new ListEntry(id.pseudonym(KEY), row[2].strip().startsWith("红") ? Colour.RED
                        : Colour.YELLOW,
                        chinaTime(row[3]), chinaTime(row[4]), CsvListConverter.REASONS.get(row[5].strip()), "440000"));
            }
            try (Stream<ListEntry> entries = converter.entries(new ByteArrayInputStream(file.toString()
                    .getBytes(CsvListConverter.GBK)))) {
                assertEquals(expected, entries.toList());
            }
        });
    }

    @Test
    void anyLineIsSplitIntoFieldsOrNull() {
        forAll(0x5eed_c5f0_0006L, 3000, r -> r.nextBoolean() ? Fuzz.anyString(r, 200)
                : Fuzz.mutate(r, "440106199003071231,\"李,四\",黄码,2026-11-25 00:00:00,2026-12-02 00:00:00,02",
                        CSV_TOKENS), CsvListConverter::split);
    }

    private void convertedOrProblem(byte[] file) {
        List<ListEntry> entries = new ArrayList<>();
        MemberProblem problem = refusal(MemberProblem.class, () -> {
            try (Stream<ListEntry> s = converter.entries(new ByteArrayInputStream(file))) {
                s.forEach(entries::add);
            }
        });
        entries.forEach(e -> assertEquals("440000", e.rgn()));
        if (problem != null) {
            assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
            assertFalse(ID_IN_CLEAR.matcher(problem.getMessage()).find(), problem.getMessage());
            for (FieldError error : problem.errors()) {
                assertTrue(error.pointer().matches("/line/[0-9]+"), error.pointer());
                assertFalse(ID_IN_CLEAR.matcher(error.detail()).find(), error.detail());
            }
        }
    }

    /** One well-formed row; names and spellings vary as native files do. */
    private static String[] row(SplittableRandom r) {
        LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(r.nextLong(45_000));
        String first17 = Fuzz.pick(r, PREFIXES) + String.format("%04d", r.nextInt(10_000))
                + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", r.nextInt(1000));
        String id = first17 + ResidentIdNumber.checkCharacter(first17);
        if (id.endsWith("X") && r.nextBoolean()) {
            id = first17 + "x";
        }
        LocalDateTime since = LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(r.nextLong(400L * 86_400));
        LocalDateTime until = since.plusSeconds(1 + r.nextLong(30L * 86_400));
        String name = Fuzz.pick(r, List.of("张三", "\"李,四\"", " 王五 ", "\"赵\"\"六\"\"\"", "", "O'Neil"));
        return new String[]{ r.nextBoolean() ? id : " " + id + " ", name,
                Fuzz.pick(r, List.of("红", "红码", "黄", "黄码", " 红 ")), since.format(TIME), until.format(TIME),
                Fuzz.pick(r, List.copyOf(CsvListConverter.REASONS.keySet())) };
    }

    private static Instant chinaTime(String text) {
        return LocalDateTime.parse(text, TIME).atZone(CsvListConverter.CHINA).toInstant().truncatedTo(
                ChronoUnit.SECONDS);
    }

    private static byte[] withHeader(byte[] rest) {
        byte[] header = (CsvListConverter.HEADER + "\n").getBytes(CsvListConverter.GBK);
        byte[] file = new byte[header.length + rest.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(rest, 0, file, header.length, rest.length);
        return file;
    }

    private static byte[] fixture(String name) {
        try (InputStream in = CsvListConverterFuzzTest.class.getResourceAsStream("/csv-list/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

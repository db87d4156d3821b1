package org.yimatong.adapters.csvlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

class CsvListConverterTest {

    static final String MEMBER = "ymt:member:440000";
    static final byte[] KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:15:30Z"), ZoneOffset.UTC);

    private final CsvListConverter converter = new CsvListConverter(MEMBER, "440000", KEY, CLOCK);

    @Test
    void gbkFileIsDecodedAndEveryRowBecomesAnEntry() {
        List<ListEntry> entries = entries("list-valid.csv");

        assertEquals(List.of(Colour.RED, Colour.YELLOW, Colour.YELLOW, Colour.RED),
                entries.stream().map(ListEntry::col).toList());
        assertEquals(List.of("confirmed-case", "close-contact", "risk-area-stay", "inbound-travel"),
                entries.stream().map(ListEntry::reason).toList());
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), entries.get(0).since(), "China time, 08:00 = 00:00Z");
        assertTrue(entries.stream().allMatch(e -> e.rgn().equals("440000")));
    }

    @Test
    void subIsThePseudonymOfTheNormalisedIdNumber() {
        List<ListEntry> entries = entries("list-valid.csv");
        List<String> ids = ids("list-valid.ids");

        assertEquals(ids.stream().map(id -> ResidentIdNumber.parse(id).pseudonym(KEY)).toList(),
                entries.stream().map(ListEntry::sub).toList());
    }

    @Test
    void ndjsonIsTheGoldenFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long count = converter.toNdjson(resource("list-valid.csv"), out);

        assertEquals(4, count);
        assertEquals(new String(resource("../golden/csv-list/list-valid.ndjson").readAllBytes(),
                StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badRowsAreEachNamedByLineNumberAfterTheGoodOnes() {
        List<ListEntry> good = new ArrayList<>();

        MemberProblem problem = assertThrows(MemberProblem.class, () -> {
            try (Stream<ListEntry> s = converter.entries(resource("list-bad-rows.csv"))) {
                s.forEach(good::add);
            }
        });

        assertEquals(1, good.size());
        assertEquals(ProblemType.MEMBER_BAD_ANSWER, problem.type());
        assertEquals(MEMBER + ": daily list has 7 bad rows", problem.getMessage());
        assertEquals(List.of("/line/3", "/line/4", "/line/5", "/line/6", "/line/7", "/line/8", "/line/9"),
                problem.errors().stream().map(FieldError::pointer).toList());
        assertEquals("ID 440106********1231 is listed twice (first on line 2)", problem.errors().get(4).detail());
        assertTrue(problem.errors().get(0).detail().contains("check character"), problem.errors().get(0).detail());
    }

    @Test
    void noPlaintextIdNumberLeavesTheConverter() throws IOException {
        List<String> ids = ids("list-bad-rows.ids");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String file : List.of("list-valid.csv", "list-bad-rows.csv", "list-not-gbk.csv", "list-utf8.csv")) {
            try {
                converter.toNdjson(resource(file), out);
            } catch (MemberProblem problem) {
                out.write(problem.getMessage().getBytes(StandardCharsets.UTF_8));
                out.write(problem.toString().getBytes(StandardCharsets.UTF_8));
                for (FieldError error : problem.errors()) {
                    out.write(error.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        byte[] everything = out.toByteArray();

        assertTrue(everything.length > 1000, "the check saw output");
        for (String id : ids) {
            for (String form : List.of(id, id.toLowerCase(), id.substring(0, 17))) {
                assertFalse(contains(everything, form.getBytes(StandardCharsets.US_ASCII)),
                        "output contains plaintext ID " + CsvListConverter.masked(id));
            }
        }
    }

    @Test
    void rowThatIsNotGbkIsABadRowNamedByItsLine() {
        MemberProblem problem = assertThrows(MemberProblem.class, () -> entries("list-not-gbk.csv"));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertEquals(List.of(new FieldError("/line/2", "not GBK text")), problem.errors());
    }

    @Test
    void utf8FileIsNotTakenForGbk() {
        MemberProblem problem = assertThrows(MemberProblem.class, () -> entries("list-utf8.csv"));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void emptyFileIsABadAnswerNotAnEmptyList() {
        MemberProblem problem = assertThrows(MemberProblem.class,
                () -> converter.entries(new ByteArrayInputStream(new byte[0])).toList());

        assertTrue(problem.getMessage().startsWith(MEMBER + ": "));
    }

    @Test
    void quotedFieldsMayHoldCommas() {
        assertEquals(List.of("a", "李,四", "c\"d"), CsvListConverter.split("a,\"李,四\",\"c\"\"d\""));
    }

    @Test
    void aQuoteLeftOpenIsNoRow() {
        assertNull(CsvListConverter.split("440106199003071231,\"张三,红,2026-11-26 08:00:00,2026-12-10 08:00:00,01"));
    }

    @Test
    void aQuoteMayFollowSpacesAndTextAfterTheClosingQuoteIsKept() {
        assertEquals(List.of("红 ", "黄码", "", "a\"b"), CsvListConverter.split(" \"红\" ,\"黄\"码,,a\"b"));
    }

    private List<ListEntry> entries(String file) {
        try (Stream<ListEntry> s = converter.entries(resource(file))) {
            return s.toList();
        }
    }

    private static InputStream resource(String file) {
        InputStream in = CsvListConverterTest.class.getClassLoader().getResourceAsStream("csv-list/" + file);
        if (in == null) {
            throw new AssertionError("missing fixture " + file);
        }
        return in;
    }

    private static List<String> ids(String file) {
        try (InputStream in = resource(file)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"))
                    .filter(s -> !s.isBlank()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

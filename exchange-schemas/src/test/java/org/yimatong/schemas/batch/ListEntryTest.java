package org.yimatong.schemas.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.schemas.canonical.CanonicalJson;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class ListEntryTest {

    private static final String SUB = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String LINE = "{\"sub\":\"" + SUB + "\",\"col\":\"RED\",\"since\":\"2026-11-25T02:30:00Z\","
            + "\"until\":\"2026-12-09T02:30:00Z\",\"reason\":\"confirmed\",\"rgn\":\"310101\"}";

    @Test
    void wellFormedLineParses() {
        // when
        ListEntry entry = ListEntry.parseLine(LINE, 1);

        // then
        assertEquals(new ListEntry(SUB, Colour.RED, Instant.parse("2026-11-25T02:30:00Z"),
                Instant.parse("2026-12-09T02:30:00Z"), "confirmed", "310101"), entry);
    }

    @Test
    void everyBadMemberOfALineIsReportedUnderItsLineNumber() {
        // given a line where every member is wrong
        String line = "{\"sub\":\"ABC\",\"col\":\"G\",\"since\":\"2026-11-25\",\"until\":7,"
                + "\"reason\":\"Zhang San tested positive\",\"rgn\":\"3101\"}";

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> ListEntry.parseLine(line, 7));

        // then
        assertEquals(ProblemType.BATCH_INVALID, e.type());
        assertEquals(List.of("/line/7/col", "/line/7/reason", "/line/7/rgn", "/line/7/since", "/line/7/sub",
                "/line/7/until"), e.errors().stream().map(FieldError::pointer).sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-25T02:30:00.5Z", "2026-11-25T10:30:00+08:00", "2026-11-25T02:30Z",
            "2026-13-25T02:30:00Z" })
    void instantsInAnyOtherSpellingAreRefused(String since) {
        // given
        String line = LINE.replace("2026-11-25T02:30:00Z", since);

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> ListEntry.parseLine(line, 3));

        // then
        assertEquals(List.of(new FieldError("/line/3/since", "must be yyyy-MM-ddTHH:mm:ssZ")), e.errors());
    }

    @Test
    void untilNotAfterSinceIsRefused() {
        String line = LINE.replace("2026-12-09T02:30:00Z", "2026-11-25T02:30:00Z");
        ProblemException e = assertThrows(ProblemException.class, () -> ListEntry.parseLine(line, 2));
        assertEquals("/line/2/until", e.errors().get(0).pointer());
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[1]", "{\"sub\":\"a\",\"sub\":\"b\"}", "" })
    void lineThatIsNotOneJsonObjectIsRefusedAsAWhole(String line) {
        ProblemException e = assertThrows(ProblemException.class, () -> ListEntry.parseLine(line, 9));
        assertEquals(List.of(new FieldError("/line/9", "not a JSON object")), e.errors());
    }

    @Test
    void constructorRefusesGreenAndFractionalSeconds() {
        // when
        ProblemException e = assertThrows(ProblemException.class, () -> new ListEntry(SUB, Colour.GREEN,
                Instant.parse("2026-11-25T02:30:00.001Z"), Instant.parse("2026-12-09T02:30:00Z"), "x", "310101"));

        // then
        assertEquals(List.of("/col", "/since"), e.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void directCanonicalFormEqualsTheReferenceCanonicalisation() {
        // given
        ListEntry entry = ListEntry.parseLine(LINE, 1);

        // when / then
        assertEquals(new String(CanonicalJson.canonicalize(entry.toJson()), StandardCharsets.UTF_8),
                entry.canonicalJson());
    }
}

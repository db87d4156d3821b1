package org.yimatong.schemas.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A batch upload is read line by line with {@link ListEntry#parseLine}, and the hub refuses a batch with every bad
 * line numbered (REQ-LIST-5). So whatever a line holds, it gives an entry or a {@code BATCH_INVALID}
 * {@link ProblemException} whose field errors all point into that line, never a raw library exception; and every
 * entry written reads back equal. Inputs come from a fixed seed (see {@link Fuzz}).
 */
class ListEntryFuzzTest {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the instants the wire's one spelling can hold. */
    private static final long FIRST = -62_167_219_200L;
    private static final long LAST = 253_402_300_799L;
    private static final List<String> LINE_TOKENS = List.of("\"RED\"", "\"YELLOW\"", "\"GREEN\"", "\"R\"",
            "\"2026-11-25T02:30:00Z\"", "\"+10000-01-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"",
            "\"2026-11-25T02:30:00.5Z\"", "\"2026-11-25T24:00:00Z\"", "\"-0001-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:60Z\"",
            ",\"sub\":\"x\"", "\"reason\"", "\"confirmed\"", "\"310101\"");

    @Test
    void anyLineIsAnEntryOrRefusedWithErrorsInThatLine() {
        forAll(0x5eed_11e5_0001L, 5000, r -> switch (r.nextInt(3)) {
            case 0 -> Fuzz.anyString(r, 300);
            case 1 -> Fuzz.jsonish(r, 300);
            default -> Fuzz.mutate(r, entry(r).toJson().toString(), r.nextBoolean() ? LINE_TOKENS : Fuzz.JSON_TOKENS);
        }, line -> entryOrRefused(line, 42));
    }

    @Test
    void membersOfAnyJsonValueGiveAnEntryOrRefusal() {
        forAll(0x5eed_11e5_0002L, 3000, r -> {
            ListEntry valid = entry(r);
            String[] values = { "\"" + valid.sub() + "\"", "\"" + valid.col().name() + "\"",
                    "\"" + valid.since() + "\"", "\"" + valid.until() + "\"", "\"" + valid.reason() + "\"",
                    "\"" + valid.rgn() + "\"" };
            values[r.nextInt(values.length)] = r.nextBoolean() ? Fuzz.pick(r, LINE_TOKENS) : Fuzz.pick(r,
                    Fuzz.JSON_TOKENS);
            return "{\"sub\":" + values[0] + ",\"col\":" + values[1] + ",\"since\":" + values[2] + ",\"until\":"
                    + values[3] + ",\"reason\":" + values[4] + ",\"rgn\":" + values[5] + "}";
        }, line -> entryOrRefused(line, 7));
    }

    @Test
    void deeplyNestedLinesAreRefusedNotOverflowingTheStack() {
        forAll(0x5eed_11e5_0003L, 20, r -> Fuzz.nested("{\"sub\":", "1", "}", 1 + r.nextInt(300_000)),
                line -> assertTrue(entryOrRefused(line, 1) != null));
    }

    @Test
    void everyEntryReadsBackEqualFromItsJsonAndItsCanonicalForm() {
        forAll(0x5eed_11e5_0004L, 3000, ListEntryFuzzTest::entry, entry -> {
            assertEquals(entry, ListEntry.parseLine(entry.toJson().toString(), 1));
            assertEquals(entry, ListEntry.parseLine(entry.canonicalJson(), 1));
        });
    }

    /** The refusal of {@code line}, or null if it is an entry. */
    private static ProblemException entryOrRefused(String line, long lineNumber) {
        ProblemException refused = refusal(ProblemException.class, () -> ListEntry.parseLine(line, lineNumber));
        if (refused != null) {
            assertEquals(ProblemType.BATCH_INVALID, refused.type());
            assertFalse(refused.errors().isEmpty(), "a refusal names what is wrong");
            for (FieldError error : refused.errors()) {
                assertTrue(error.pointer().startsWith("/line/" + lineNumber), error.pointer());
            }
        }
        return refused;
    }

    private static ListEntry entry(SplittableRandom r) {
        StringBuilder sub = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sub.append(Character.forDigit(r.nextInt(16), 16));
        }
        long since = r.nextLong(FIRST, LAST);
        long until = r.nextLong(since + 1, LAST + 1);
        StringBuilder reason = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        String tail = "abcdefghijklmnopqrstuvwxyz0123456789-";
        for (int i = r.nextInt(64); i > 0; i--) {
            reason.append(tail.charAt(r.nextInt(tail.length())));
        }
        return new ListEntry(sub.toString(), r.nextBoolean() ? Colour.RED : Colour.YELLOW,
                Instant.ofEpochSecond(since), Instant.ofEpochSecond(until), reason.toString(),
                String.format("%06d", r.nextInt(1_000_000)));
    }
}

package org.yimatong.schemas.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Sm3;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * REQ-LIST-3: canonical batch bytes and their digest. The golden file and the digests below were made
 * independently (Python's json with sorted keys; {@code openssl dgst -sm3} / {@code -sha256}).
 */
class CanonicalBatchTest {

    private static final String GOLDEN_SM3 = "sm3:74b2fc59813cbece6627a397629e51adc46ceacb4b8b80d9a4b1e25aeb3689f5";
    private static final String GOLDEN_SHA256 = "sha-256:14e6327c1618cd794be78cbb1117f0b1655a07ead9e1aa00b5338ff0f4248a41";

    @Test
    void uploadedBatchHasTheGoldenCanonicalBytes() throws IOException {
        // given an unsorted upload of three lines
        List<ListEntry> entries = upload();

        // when
        byte[] canonical = CanonicalBatch.canonicalBytes(entries);

        // then
        assertArrayEquals(resource("/golden/batch-v1-canonical.ndjson"), canonical);
    }

    @Test
    void digestsOfTheGoldenBatchAreTheIndependentlyComputedOnes() throws IOException {
        // given
        List<ListEntry> entries = upload();

        // when / then
        assertEquals(GOLDEN_SM3, CanonicalBatch.digest(entries, BatchDigest.SM3));
        assertEquals(GOLDEN_SHA256, CanonicalBatch.digest(entries, BatchDigest.SHA_256));
        assertEquals(GOLDEN_SM3, "sm3:" + Sm3.hex(CanonicalBatch.canonicalBytes(entries)));
    }

    @Test
    void incrementalBuilderOverSortedEntriesGivesTheSameDigestAndManifest() throws IOException {
        // given the entries in sub order, as the database or the uploader delivers them
        List<ListEntry> sorted = new ArrayList<>(upload());
        sorted.sort(Comparator.comparing(ListEntry::sub));
        CanonicalBatch.Builder builder = CanonicalBatch.builder(BatchDigest.SM3);

        // when
        sorted.forEach(builder::add);
        BatchManifest manifest = builder.manifest("ymt:member:310000", "2026-11-27.1", LocalDate.of(2026, 11, 27));

        // then
        assertEquals(new BatchManifest("ymt:member:310000", "2026-11-27.1", LocalDate.of(2026, 11, 27), 3,
                GOLDEN_SM3), manifest);
        assertThrows(IllegalStateException.class, () -> builder.add(sorted.get(0)));
    }

    @Test
    void builderRefusesAnEntryOutOfOrderWithItsLineNumber() throws IOException {
        // given two entries in descending sub order
        List<ListEntry> sorted = new ArrayList<>(upload());
        sorted.sort(Comparator.comparing(ListEntry::sub).reversed());
        CanonicalBatch.Builder builder = CanonicalBatch.builder(BatchDigest.SM3).add(sorted.get(0));

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> builder.add(sorted.get(1)));

        // then
        assertEquals(ProblemType.BATCH_INVALID, e.type());
        assertEquals("/line/2/sub", e.errors().get(0).pointer());
        assertEquals("entries must be sorted by sub", e.errors().get(0).detail());
    }

    @Test
    void duplicateSubjectIsRefusedEvenInTheSortingHelper() {
        // given the same subject listed twice
        ListEntry red = entry("0a".repeat(32), Colour.RED);
        ListEntry yellow = entry("0a".repeat(32), Colour.YELLOW);

        // when
        ProblemException e = assertThrows(ProblemException.class,
                () -> CanonicalBatch.digest(List.of(red, yellow), BatchDigest.SHA_256));

        // then
        assertEquals("duplicate sub", e.errors().get(0).detail());
    }

    @Test
    void emptyBatchIsZeroBytesWithTheDigestOfNothing() {
        assertEquals(0, CanonicalBatch.canonicalBytes(List.of()).length);
        assertEquals("sm3:1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
                CanonicalBatch.builder(BatchDigest.SM3).digest());
    }

    private static ListEntry entry(String sub, Colour col) {
        return new ListEntry(sub, col, Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-12-11T00:00:00Z"),
                "confirmed", "310101");
    }

    private static List<ListEntry> upload() throws IOException {
        String[] lines = new String(resource("/vectors/batch-v1-upload.ndjson"), StandardCharsets.UTF_8).split("\n");
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            entries.add(ListEntry.parseLine(lines[i], i + 1));
        }
        return entries;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = CanonicalBatchTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }
}

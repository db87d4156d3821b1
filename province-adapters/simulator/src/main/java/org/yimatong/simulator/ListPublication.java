package org.yimatong.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;

/**
 * The daily list (DESIGN.md §7): every RED or YELLOW resident as a v1 entry with {@code sub = HMAC-SM3(listKey,
 * id)}, sorted by {@code sub}, in canonical bytes, with the manifest and its detached signature
 * ({@code Ymt-Batch-Signature}). The batch goes to the hub by {@code POST /v1/lists/batches} or into the file drop
 * {@code <inbox>/<member>/<day>.ndjson} beside {@code <day>.sig} (written first; the batch last, by an atomic
 * rename, as the hub's file route expects).
 */
final class ListPublication {

    private static final DateTimeFormatter COMPACT_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ListPublication() {
    }

    /** One signed batch. {@code body} is the canonical bytes, which are also valid NDJSON. */
    record Batch(List<ListEntry> entries, byte[] body, BatchManifest manifest, String signature) {}

    /**
     * The batch of {@code day} as listed now: the listed residents, then the {@code contacts} (venue visitors, by the
     * pseudonym their visit came with) who are not listed already: a resident's own listing outranks being a contact.
     *
     * @param tag the batch tag; {@code null} for {@code <region>-<yyyyMMdd>-<first 8 hex of the digest>} (the same
     *     list gives the same tag, so a repeated push is an idempotent replay at the hub)
     */
    static Batch build(Population population, List<ListEntry> contacts, byte[] listKey, String member,
            String region, Jwk key, LocalDate day, String tag) {
        List<ListEntry> entries = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Resident resident : population.all()) {
            Resident.Listing listing = resident.listing();
            if (listing.colour() != Colour.GREEN) {
                ListEntry entry = new ListEntry(resident.idNumber().pseudonym(listKey), listing.colour(),
                        listing.since(), listing.until(), listing.reason(), region);
                entries.add(entry);
                listed.add(entry.sub());
            }
        }
        for (ListEntry contact : contacts) {
            // one line per subject: a batch naming a subject twice is refused whole
            if (listed.add(contact.sub())) {
                entries.add(contact);
            }
        }
        entries.sort(Comparator.comparing(ListEntry::sub));
        CanonicalBatch.Builder digest = CanonicalBatch.builder(BatchDigest.forProfile(key.profile()));
        entries.forEach(digest::add);
        String value = digest.digest();
        String batchTag = tag != null ? tag
                : region + "-" + day.format(COMPACT_DAY) + "-" + value.substring(value.indexOf(':') + 1).substring(0,
                        8);
        BatchManifest manifest = digest.manifest(member, batchTag, day);
        return new Batch(List.copyOf(entries), CanonicalBatch.canonicalBytes(entries), manifest,
                BatchSignature.sign(manifest, key));
    }

    /**
     * Writes the batch into the file drop: {@code <inbox>/<member>/<day>.sig}, then {@code <day>.ndjson}. The batch
     * must have been built with tag {@code <day>} (the hub's file route takes the day as the batch tag).
     *
     * @return the batch file
     */
    static Path drop(Batch batch, Path inbox, String member) throws IOException {
        String day = batch.manifest().day().toString();
        if (!batch.manifest().batchTag().equals(day)) {
            throw new IllegalArgumentException("a dropped batch is tagged with its day");
        }
        Path folder = inbox.resolve(member);
        Files.createDirectories(folder);
        Path signature = folder.resolve(day + ".sig");
        Path file = folder.resolve(day + ".ndjson");
        write(folder, signature, batch.signature().getBytes(StandardCharsets.US_ASCII));
        write(folder, file, batch.body());
        return file;
    }

    private static void write(Path folder, Path target, byte[] bytes) throws IOException {
        // a dot file: the hub's route picks up *.ndjson only, and never a half-written one
        Path tmp = Files.createTempFile(folder, ".publishing-", ".tmp");
        Files.write(tmp, bytes);
        try {
            // pseudonyms and a signature only: readable by the hub's file route under another user
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

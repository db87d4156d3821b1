package org.yimatong.schemas.batch;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.bouncycastle.crypto.Digest;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The canonical bytes of a batch (DESIGN.md §7, REQ-LIST-3): entries sorted by {@code sub} (one entry per
 * subject), each in RFC 8785 form ({@link ListEntry#canonicalJson()}), joined by {@code "\n"} with no
 * trailing newline; an empty batch is zero bytes.
 *
 * <p>A day's batch can hold 10 M entries, so the digest is built incrementally by a {@link Builder} that takes
 * entries already sorted (as the uploader must send them, or as a database returns them) and holds none of
 * them. The static helpers sort in memory and are for small batches and tests.
 */
public final class CanonicalBatch {

    private static final byte[] SEPARATOR = { '\n' };

    private CanonicalBatch() {
    }

    /** A digest builder for entries in strictly ascending {@code sub} order. */
    public static Builder builder(BatchDigest algorithm) {
        return new Builder(algorithm);
    }

    /** The canonical bytes of a small batch, sorted here. */
    public static byte[] canonicalBytes(Collection<ListEntry> entries) {
        List<String> lines = sorted(entries).stream().map(ListEntry::canonicalJson).toList();
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** The digest ({@code sm3:..} or {@code sha-256:..}) of a small batch, sorted here. */
    public static String digest(Collection<ListEntry> entries, BatchDigest algorithm) {
        Builder builder = builder(algorithm);
        sorted(entries).forEach(builder::add);
        return builder.digest();
    }

    private static List<ListEntry> sorted(Collection<ListEntry> entries) {
        List<ListEntry> list = new ArrayList<>(entries);
        list.sort(Comparator.comparing(ListEntry::sub));
        return list;
    }

    /**
     * Digests a batch one entry at a time. Not thread-safe; one builder per batch. After {@link #digest()} no
     * more entries are accepted.
     */
    public static final class Builder {

        private final BatchDigest algorithm;
        private final Digest digest;
        private String lastSub;
        private long count;
        private String result;

        private Builder(BatchDigest algorithm) {
            this.algorithm = algorithm;
            this.digest = algorithm.newDigest();
        }

        /**
         * Adds the next entry.
         *
         * @throws ProblemException {@link ProblemType#BATCH_INVALID} (pointer {@code /line/<n>/sub}, counting
         *     from 1) if its {@code sub} is not greater than the previous one: out of order or a duplicate
         * @throws IllegalStateException after {@link #digest()}
         */
        public Builder add(ListEntry entry) {
            if (result != null) {
                throw new IllegalStateException("digest already computed");
            }
            if (lastSub != null && entry.sub().compareTo(lastSub) <= 0) {
                String why = entry.sub().equals(lastSub) ? "duplicate sub" : "entries must be sorted by sub";
                throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid batch",
                        List.of(new FieldError("/line/" + (count + 1) + "/sub", why)));
            }
            if (count > 0) {
                digest.update(SEPARATOR, 0, 1);
            }
            byte[] bytes = entry.canonicalJson().getBytes(StandardCharsets.UTF_8);
            digest.update(bytes, 0, bytes.length);
            lastSub = entry.sub();
            count++;
            return this;
        }

        public long count() {
            return count;
        }

        /** The digest value of the entries added, with its algorithm prefix. */
        public String digest() {
            if (result == null) {
                byte[] out = new byte[digest.getDigestSize()];
                digest.doFinal(out, 0);
                result = algorithm.format(out);
            }
            return result;
        }

        /** The manifest for the entries added. */
        public BatchManifest manifest(String member, String batchTag, LocalDate day) {
            return new BatchManifest(member, batchTag, day, count, digest());
        }
    }
}

package org.yimatong.hub.lists;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter of subjects (pseudonyms): {@link #mightContain} is never false for a subject {@link #add}ed, and
 * true for about 1 % of the others at the expected count. Subjects are HMAC outputs, already uniform, so two cheap
 * 64-bit hashes of their characters make the probe positions (Kirsch-Mitzenmacher double hashing). Safe for
 * concurrent adds and reads.
 */
final class SubjectFilter {

    private static final int PROBES = 7;

    private final AtomicLongArray words;
    private final long bits;

    /** A filter for about {@code expected} subjects at a 1 % false-positive rate (9.6 bits each). */
    SubjectFilter(long expected) {
        long wanted = Math.max(1024, (long) Math.ceil(Math.max(1, expected) * 9.6));
        int count = (int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64);
        this.words = new AtomicLongArray(count);
        this.bits = (long) count * 64;
    }

    void add(String subject) {
        long h1 = hash(subject);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            int word = (int) (bit >>> 6);
            long mask = 1L << (bit & 63);
            long old;
            while (((old = words.get(word)) & mask) == 0 && !words.compareAndSet(word, old, old | mask)) {
                // another add set a bit of the same word: read it again
            }
        }
    }

    boolean mightContain(String subject) {
        long h1 = hash(subject);
        long h2 = mix(h1 ^ 0x9E3779B97F4A7C15L) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            if ((words.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    long sizeInBytes() {
        return bits / 8;
    }

    /** FNV-1a over the characters, then mixed so that every bit depends on every character. */
    private static long hash(String subject) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < subject.length(); i++) {
            h ^= subject.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

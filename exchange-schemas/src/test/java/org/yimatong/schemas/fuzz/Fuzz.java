package org.yimatong.schemas.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A seeded property runner and input generators for the parser fuzz tests (the {@code *FuzzTest} classes).
 *
 * <p>Every property draws its inputs from a {@link SplittableRandom} with a fixed seed, so {@code mvn verify} runs
 * the same inputs every time and nothing is written to disk; a failure names the seed, the try and the input, so it
 * can be pinned as a regression example. To explore, run a property with another seed or more tries locally.
 *
 * <p>The generators favour what breaks parsers: valid inputs with a few characters flipped, inserted or deleted, NUL
 * and control characters, lone surrogates, huge numbers and deep nesting.
 */
public final class Fuzz {

    /** A parse slower than this on one input is pathological (inputs here are at most a few hundred KB). */
    public static final Duration SLOW = Duration.ofSeconds(2);

    /** Tokens worth splicing into any text format. */
    public static final List<String> COMMON_TOKENS = List.of("\u0000", "\r", "\n", "\r\n", "\t", "\u00a0", "\u3000",
            "\ufeff", "\u2028", "\ud800", "\udfff", "\ud83d\ude00", "\uffff", "99999999999999999999999999999",
            "-9223372036854775809", "9223372036854775808", "1e999999", "-0", "0x1F", "NaN", "%00", "\\", "\\u0000");

    /** Tokens of JSON, for mutating JSON text. */
    public static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "true",
            "false", "{}", "[]", "\"\"", "1.5", "1e308", "-1", "31556889864403200", "-31557014167219201",
            "9223372036854775807", "\"\\ud800\"", "\"\\u0000\"", ",\"a\":1", "{\"a\":{\"a\":{\"a\":1}}}");

    private static final String JSON_SPECIALS = "{}[]\":,.-+eE0123456789 \\";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Fuzz() {
    }

    /** One property: {@code check} holds for each of {@code tries} inputs that {@code inputs} draws. */
    public static <T> void forAll(long seed, int tries, Function<SplittableRandom, T> inputs, Consumer<T> check) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < tries; i++) {
            T input = inputs.apply(random);
            long start = System.nanoTime();
            try {
                check.accept(input);
            } catch (Throwable t) {
                // StackOverflowError is one of the faults looked for, so Errors are reported with their input too
                throw new AssertionError("seed " + seed + ", try " + i + ", input " + show(input) + ": " + t, t);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(SLOW) > 0) {
                throw new AssertionError("seed " + seed + ", try " + i + " took " + took.toMillis() + " ms on input "
                        + show(input));
            }
        }
    }

    /**
     * Runs {@code parse}: its documented refusal is returned, nothing means it accepted the input, anything else is
     * an undocumented exception escaping the parser and fails.
     */
    public static <E extends Throwable> E refusal(Class<E> documented, Runnable parse) {
        try {
            parse.run();
            return null;
        } catch (Throwable t) {
            if (documented.isInstance(t)) {
                return documented.cast(t);
            }
            throw new AssertionError("undocumented " + t.getClass().getName() + " (only " + documented.getSimpleName()
                    + " is documented): " + t.getMessage(), t);
        }
    }

    // ---- generators

    /** Any text: mostly short, sometimes long, from every kind of character a parser may meet. */
    public static String anyString(SplittableRandom r, int maxLength) {
        int length = r.nextInt(4) == 0 ? r.nextInt(maxLength + 1) : r.nextInt(Math.min(maxLength, 40) + 1);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            appendAnyChar(r, s);
        }
        return s.toString();
    }

    /** Any bytes, as a network peer may send them. */
    public static byte[] anyBytes(SplittableRandom r, int maxLength) {
        byte[] bytes = new byte[r.nextInt(4) == 0 ? r.nextInt(maxLength + 1) : r.nextInt(Math.min(maxLength, 40) + 1)];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Text of JSON's own characters, which gets further into a JSON parser than arbitrary text. */
    public static String jsonish(SplittableRandom r, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        while (s.length() < length) {
            if (r.nextInt(4) == 0) {
                s.append(pick(r, JSON_TOKENS));
            } else {
                s.append(JSON_SPECIALS.charAt(r.nextInt(JSON_SPECIALS.length())));
            }
        }
        return s.toString();
    }

    /** Unpadded base64url of any length, so that the parts of a JWS get past their decoding now and then. */
    public static String base64urlish(SplittableRandom r, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            s.append(BASE64URL.charAt(r.nextInt(BASE64URL.length())));
        }
        return s.toString();
    }

    /** {@code depth} times {@code open}, then {@code core}, then {@code depth} times {@code close}. */
    public static String nested(String open, String core, String close, int depth) {
        return open.repeat(depth) + core + close.repeat(depth);
    }

    /** {@code valid} with one to four random edits, some of them splicing in one of {@code tokens}. */
    public static String mutate(SplittableRandom r, String valid, List<String> tokens) {
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length() + 1);
            int end = Math.min(s.length(), at + 1 + r.nextInt(8));
            switch (r.nextInt(11)) {
                case 0 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 1 -> s.delete(at, end);
                case 2 -> {
                    StringBuilder c = new StringBuilder();
                    appendAnyChar(r, c);
                    s.insert(at, c);
                }
                case 3 -> {
                    if (at < s.length()) {
                        StringBuilder c = new StringBuilder();
                        appendAnyChar(r, c);
                        s.replace(at, at + 1, c.toString());
                    }
                }
                case 4 -> s.insert(at, pick(r, tokens));
                case 5 -> s.insert(at, pick(r, COMMON_TOKENS));
                case 6 -> s.insert(at, s.substring(at, end));
                case 7 -> s.setLength(at);
                case 8 -> {
                    if (at < s.length()) {
                        char c = s.charAt(at);
                        s.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                    }
                }
                case 9 -> s.insert(at, (char) r.nextInt(0x20));
                default -> {
                    if (at < s.length()) {
                        // the neighbouring character value: 9 to ':', 'Z' to '[', where ranges are checked
                        s.setCharAt(at, (char) (s.charAt(at) + (r.nextBoolean() ? 1 : -1)));
                    }
                }
            }
        }
        return s.toString();
    }

    public static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** The input as a Java literal to paste into a regression example, cut short if long. */
    public static String show(Object input) {
        if (input instanceof byte[] bytes) {
            return "bytes " + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 512))
                    + (bytes.length > 512 ? "... (" + bytes.length + " bytes)" : "");
        }
        if (input instanceof Object[] values) {
            return java.util.Arrays.stream(values).map(Fuzz::show).toList().toString();
        }
        if (input instanceof java.util.Collection<?> values) {
            return values.stream().map(Fuzz::show).toList().toString();
        }
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < Math.min(text.length(), 2000); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return text.length() > 2000 ? out + "... (" + text.length() + " chars)" : out.toString();
    }

    private static void appendAnyChar(SplittableRandom r, StringBuilder s) {
        switch (r.nextInt(8)) {
            case 0 -> s.append((char) r.nextInt(0x20));
            case 1 -> s.append((char) (0xd800 + r.nextInt(0x800)));
            case 2 -> s.appendCodePoint(0x10000 + r.nextInt(0x100000));
            case 3 -> s.append((char) r.nextInt(0x10000));
            case 4 -> s.append((char) (0x4e00 + r.nextInt(0x5000)));
            case 5 -> s.append(JSON_SPECIALS.charAt(r.nextInt(JSON_SPECIALS.length())));
            default -> s.append((char) (0x20 + r.nextInt(0x5f)));
        }
    }
}

package org.yimatong.adapters.csvlist;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.IdNumberFault;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;

/**
 * Converts a member's native daily list (GBK CSV, plaintext ID numbers) into v1 {@link ListEntry}s carrying only
 * the pseudonym {@code HMAC-SM3(listKey, normalisedId)}, exactly {@link ResidentIdNumber#pseudonym(byte[])}.
 *
 * <p>Native file: header {@value #HEADER}, then one row per listed person:
 * {@code 身份证号} (ID number), {@code 姓名} (name, dropped), {@code 码色} ({@code 红}/{@code 红码} RED,
 * {@code 黄}/{@code 黄码} YELLOW), {@code 赋码时间} and {@code 解除时间} ({@code yyyy-MM-dd HH:mm:ss}, China time)
 * and {@code 原因代码} (see {@link #REASONS}). Fields may be double-quoted; empty lines are skipped.
 *
 * <p>The stream is lazy (one row in memory at a time, plus the set of pseudonyms seen, to refuse duplicates). It
 * does not stop at a bad row: when it reaches the end it throws one {@link MemberProblem}
 * ({@code member-bad-answer}) with an error {@code /line/<n>} per bad row (1-based file lines, the header being
 * line 1; at most {@value #MAX_ERRORS} listed), so a consumer must not commit entries of a list that ends so.
 */
public final class CsvListConverter {

    public static final Charset GBK = Charset.forName("GBK");
    public static final String HEADER = "身份证号,姓名,码色,赋码时间,解除时间,原因代码";
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final int MAX_ERRORS = 1000;

    /** Native reason codes and the v1 {@code reason} each becomes. */
    public static final Map<String, String> REASONS = Map.of(
            "01", "confirmed-case",
            "02", "close-contact",
            "03", "secondary-contact",
            "04", "risk-area-stay",
            "05", "inbound-travel");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    /**
     * A row's fields: RFC 4180 (comma, double quotes, {@code ""} inside quotes); a quote may follow spaces, and text
     * after a closing quote stays part of the field (every field used is stripped).
     */
    private static final CSVFormat ROW = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setTrailingData(true)
            .get();
    private static final int FIELDS = 6;
    private static final int MAX_LINE_BYTES = 4096;
    /** Marks a line already recorded as bad (compared by identity). */
    private static final String NOT_A_LINE = new String("<not a line>");

    private final String member;
    private final String region;
    private final byte[] listKey;
    private final Clock clock;

    /**
     * @param member entity id named in problems
     * @param region the member's 6-digit region code, the {@code rgn} of every entry
     * @param listKey the hub's list key of the epoch (copied)
     * @param clock today's date in China decides whether a birth date is possible
     */
    public CsvListConverter(String member, String region, byte[] listKey, Clock clock) {
        if (listKey == null || listKey.length == 0) {
            throw new IllegalArgumentException("list key must not be empty");
        }
        this.member = member;
        this.region = region;
        this.listKey = listKey.clone();
        this.clock = clock;
    }

    /** The entries of a native file; closing the stream closes {@code gbkCsv}. */
    public Stream<ListEntry> entries(InputStream gbkCsv) {
        BufferedInputStream in = new BufferedInputStream(gbkCsv, 64 * 1024);
        Rows rows = new Rows(in);
        return StreamSupport.stream(rows, false).onClose(() -> {
            try {
                in.close();
            } catch (IOException e) {
                // nothing left to read
            }
        });
    }

    /**
     * Writes the entries of a native file as v1 NDJSON (each line an entry in RFC 8785 form, {@code \n} after
     * each), e.g. for a file-drop route. Nothing of a file with bad rows should be used: the problem is thrown
     * after the good lines were written.
     *
     * @return the number of entries written
     */
    public long toNdjson(InputStream gbkCsv, OutputStream ndjson) {
        long[] count = { 0 };
        try (Stream<ListEntry> entries = entries(gbkCsv)) {
            entries.forEach(entry -> {
                try {
                    ndjson.write(entry.canonicalJson().getBytes(StandardCharsets.UTF_8));
                    ndjson.write('\n');
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return count[0];
    }

    /** A form of a raw ID fit for a problem or a log: the mask when 18 characters, else only the length. */
    static String masked(String raw) {
        String s = raw.strip();
        if (s.length() == ResidentIdNumber.LENGTH) {
            return s.substring(0, 6) + "********" + s.substring(ResidentIdNumber.LENGTH - 4);
        }
        return "<" + s.length() + " characters>";
    }

    private final class Rows extends Spliterators.AbstractSpliterator<ListEntry> {

        private final BufferedInputStream in;
        private final CharsetDecoder decoder = GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteArrayOutputStream lineBytes = new ByteArrayOutputStream(256);
        private final Map<String, Long> firstLineOfSub = new HashMap<>();
        private final List<FieldError> errors = new ArrayList<>();
        private long badRows;
        private long lineNumber;
        private boolean done;

        Rows(BufferedInputStream in) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.in = in;
        }

        @Override
        public boolean tryAdvance(Consumer<? super ListEntry> action) {
            if (done) {
                return false;
            }
            while (true) {
                String line = nextLine();
                if (line == NOT_A_LINE) {
                    continue;
                }
                if (line == null) {
                    done = true;
                    if (lineNumber == 0) {
                        throw MemberProblem.badAnswer(member, "daily list is empty (no header)");
                    }
                    if (badRows > 0) {
                        throw MemberProblem.badAnswer(member, "daily list has " + badRows + " bad row"
                                + (badRows == 1 ? "" : "s"), errors);
                    }
                    return false;
                }
                if (lineNumber == 1) {
                    if (!HEADER.equals(stripBom(line).strip())) {
                        done = true;
                        throw MemberProblem.badAnswer(member, "daily list header is not " + HEADER);
                    }
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                Optional<ListEntry> entry = row(line);
                if (entry.isPresent()) {
                    action.accept(entry.get());
                    return true;
                }
            }
        }

        /**
         * The next line decoded from GBK, {@code null} at the end, or {@link #NOT_A_LINE} after recording a line
         * that is too long or not GBK. Lines are split on the byte {@code \n} (never part of a GBK double-byte
         * character), so each line is decoded on its own and a bad one is named by its number.
         */
        private String nextLine() {
            lineBytes.reset();
            boolean tooLong = false;
            int b;
            try {
                while ((b = in.read()) != -1 && b != '\n') {
                    if (lineBytes.size() < MAX_LINE_BYTES) {
                        lineBytes.write(b);
                    } else {
                        tooLong = true;
                    }
                }
            } catch (IOException e) {
                done = true;
                throw MemberProblem.unavailable(member, "daily list broke off after line " + lineNumber, e);
            }
            if (b == -1 && lineBytes.size() == 0 && !tooLong) {
                return null;
            }
            lineNumber++;
            if (tooLong) {
                return lineFault("longer than " + MAX_LINE_BYTES + " bytes");
            }
            byte[] bytes = lineBytes.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            try {
                return decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                return lineFault("not GBK text");
            }
        }

        private String lineFault(String detail) {
            if (lineNumber == 1) {
                done = true;
                throw MemberProblem.badAnswer(member, "daily list header is " + detail);
            }
            fault(detail);
            return NOT_A_LINE;
        }

        /** The entry of one data row, or empty after recording its fault. */
        private Optional<ListEntry> row(String line) {
            List<String> fields = split(line);
            if (fields == null || fields.size() != FIELDS) {
                return fault("expected " + FIELDS + " comma-separated fields");
            }
            String rawId = fields.get(0).strip();
            Optional<IdNumberFault> idFault = ResidentIdNumber.validate(rawId, clock);
            if (idFault.isPresent()) {
                return fault("ID " + masked(rawId) + " " + idFault.get().detail());
            }
            ResidentIdNumber id = ResidentIdNumber.parse(rawId, null, clock);
            String who = "ID " + id.mask();
            Colour col = switch (fields.get(2).strip()) {
                case "红", "红码" -> Colour.RED;
                case "黄", "黄码" -> Colour.YELLOW;
                default -> null;
            };
            if (col == null) {
                return fault(who + ": 码色 must be 红 or 黄");
            }
            Instant since = time(fields.get(3));
            Instant until = time(fields.get(4));
            if (since == null || until == null) {
                return fault(who + ": 赋码时间 and 解除时间 must be yyyy-MM-dd HH:mm:ss");
            }
            if (!until.isAfter(since)) {
                return fault(who + ": 解除时间 must be after 赋码时间");
            }
            String reason = REASONS.get(fields.get(5).strip());
            if (reason == null) {
                return fault(who + ": unknown 原因代码");
            }
            String sub = id.pseudonym(listKey);
            Long first = firstLineOfSub.putIfAbsent(sub, lineNumber);
            if (first != null) {
                return fault(who + " is listed twice (first on line " + first + ")");
            }
            try {
                return Optional.of(new ListEntry(sub, col, since, until, reason, region));
            } catch (ProblemException e) {
                return fault(who + ": not a valid list entry");
            }
        }

        private Optional<ListEntry> fault(String detail) {
            badRows++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new FieldError("/line/" + lineNumber, detail));
            }
            return Optional.empty();
        }
    }

    private static Instant time(String text) {
        try {
            return LocalDateTime.parse(text.strip(), TIME).atZone(CHINA).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /**
     * Fields of one CSV line (RFC 4180 quoting within the line, by Commons CSV), or null if a quote is left open or
     * the line holds a lone carriage return (which would end a record).
     */
    static List<String> split(String line) {
        try (CSVParser parser = CSVParser.parse(line, ROW)) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 ? records.get(0).toList() : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}

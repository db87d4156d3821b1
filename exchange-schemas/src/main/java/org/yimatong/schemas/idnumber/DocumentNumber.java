package org.yimatong.schemas.idnumber;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.crypto.HmacSm3;
import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The normalised number of any identity document of the data dictionary ({@link IdDocumentType}) and its
 * list pseudonym (DESIGN.md §7, REQ-LIST-11: one pseudonym space for every document type). Each type has
 * exactly one normalisation rule, published per type in {@code dictionary/id-document-types.json}
 * (columns {@code normalisation} and {@code pseudonymInput}) and exercised by the published vectors
 * {@code vectors/list-pseudonyms.json} (in this module's test resources: test data stays out of the jar).
 *
 * <h2>Normalisation and HMAC input, per type</h2>
 *
 * In the rules of the non-GB 11643 types, "whitespace" is every character for which
 * {@link Character#isWhitespace(char)} holds (including tab and the ideographic space U+3000) and the
 * no-break space U+00A0, removed wherever it stands; "hyphen" is {@code -} (U+002D). Letters are
 * upper-cased in ASCII only; any other non-ASCII character (full-width digits too) is refused. The HMAC
 * input is the UTF-8 encoding of an ASCII string.
 *
 * <dl>
 * <dt>{@code RESIDENT_ID_CARD}, {@code RESIDENCE_PERMIT_HK_MACAO}, {@code RESIDENCE_PERMIT_TAIWAN} (GB
 * 11643-1999)</dt>
 * <dd>Exactly {@link ResidentIdNumber#parse(String)}: surrounding whitespace trimmed, a trailing {@code x}
 * upper-cased, nothing else removed; 18 characters, accepted prefix, real birth date, ISO 7064 MOD 11-2
 * check character. HMAC input: the bare 18 characters (the check character upper-cased), so the pseudonym
 * is exactly {@link ResidentIdNumber#pseudonym(byte[])}. Any of the three types accepts any valid GB 11643
 * number (the declared type is not checked against the prefix): the pseudonym belongs to the number, so a
 * person's ID card and residence permit with the same number are the same subject.</dd>
 *
 * <dt>{@code FOREIGN_PERMANENT_RESIDENCE_ID}</dt>
 * <dd>Whitespace and hyphens removed, letters upper-cased. Either 18 characters (cards issued from
 * 2023-12-01): {@code 9}, 16 digits and the ISO 7064 MOD 11-2 check character of GB 11643 (digit or
 * {@code X}); or 15 characters (earlier cards): 3 letters (nationality) and 12 digits, no check character.
 * HMAC input: {@code FPR:} + the number, e.g. {@code FPR:ABC123456789012}. An old and a new card of the same
 * holder have different numbers and therefore different pseudonyms (no published mapping).</dd>
 *
 * <dt>{@code PASSPORT}</dt>
 * <dd>Needs the issuing state: trimmed, upper-cased, MRZ fillers {@code <} removed, {@code D} (Germany's
 * code in ICAO 9303) read as {@code DEU}; then 3 letters (ISO 3166-1 alpha-3, or an ICAO 9303 code such
 * as {@code GBD} or {@code XXA}; not checked against a list). Number: whitespace, hyphens and MRZ fillers
 * {@code <} removed, letters upper-cased; 5 to 20 letters or digits (the document number as in the MRZ).
 * HMAC input: {@code PASSPORT:} + state + {@code :} + number, e.g. {@code PASSPORT:CHN:E12345678}.</dd>
 *
 * <dt>{@code HK_MACAO_TRAVEL_PERMIT} (回乡证)</dt>
 * <dd>Whitespace and hyphens removed, letters upper-cased. {@code H} (Hong Kong) or {@code M} (Macao)
 * followed by the 8-digit lifetime number; an older 11-character number ({@code H}/{@code M}, lifetime
 * number, 2-digit renewal count) keeps its first 9 characters, so a holder's old and new permits give
 * the same pseudonym. HMAC input: {@code HKMO:} + the 9 characters, e.g. {@code HKMO:H12345678}.</dd>
 *
 * <dt>{@code TAIWAN_COMPATRIOT_PERMIT} (台胞证)</dt>
 * <dd>Whitespace and hyphens removed; a trailing issuing-office code in brackets, one or two letters or
 * digits in ASCII {@code ( )} or full-width {@code （ ）} brackets (e.g. {@code (B)}), dropped. Then the
 * 8-digit lifetime number, or 10 digits (permits before 2008-09-25: lifetime number and 2-digit issue
 * count) of which the first 8 are kept, so old and new permits of one holder give the same pseudonym.
 * HMAC input: {@code TW:} + 8 digits, e.g. {@code TW:12345678}.</dd>
 * </dl>
 *
 * <p>No two types can collide: a GB 11643 input is 18 characters without {@code :}, every other input
 * starts with its own namespace ending in {@code :}, none of which is a prefix of another, and a passport's
 * state has a fixed length.
 *
 * <p>Refusals are {@link ProblemException}s of type {@link ProblemType#INVALID_ID_NUMBER} whose detail
 * names the type and the {@link Fault} but never contains any character of the input. Privacy (DESIGN.md
 * §9): {@link #toString()} is the {@link #mask()}; only {@link #value()} and {@link #pseudonymInput()}
 * give the plaintext.
 */
public final class DocumentNumber {

    /** Namespace of foreign permanent resident ID numbers in the HMAC input. */
    public static final String FOREIGN_PERMANENT_RESIDENCE_NAMESPACE = "FPR:";
    /** Namespace of passport numbers in the HMAC input, followed by the issuing state and {@code :}. */
    public static final String PASSPORT_NAMESPACE = "PASSPORT:";
    /** Namespace of mainland travel permits for Hong Kong and Macao residents in the HMAC input. */
    public static final String HK_MACAO_TRAVEL_PERMIT_NAMESPACE = "HKMO:";
    /** Namespace of mainland travel permits for Taiwan residents in the HMAC input. */
    public static final String TAIWAN_COMPATRIOT_PERMIT_NAMESPACE = "TW:";

    /** Shortest and longest passport number accepted (after normalisation). */
    public static final int PASSPORT_MIN_LENGTH = 5;
    public static final int PASSPORT_MAX_LENGTH = 20;

    /** Why an input is refused. The {@link #detail()} texts never contain the input. */
    public enum Fault {
        /** No document type, or a code that is not in the data dictionary. */
        UNKNOWN_TYPE("is of a document type not in the data dictionary"),
        /** A passport without an issuing state. */
        MISSING_COUNTRY("needs the issuing state (ISO 3166-1 alpha-3)"),
        /** An issuing state that is not 3 letters. */
        BAD_COUNTRY("has an issuing state that is not 3 letters (ISO 3166-1 alpha-3)"),
        /** Missing, or of a length the type never has (after normalisation). */
        WRONG_LENGTH("has the wrong length"),
        /** A character the type's numbers cannot contain at that place. */
        BAD_CHARACTER("has a character not allowed at its place"),
        /**
         * A GB 11643 number with a prefix no resident ID number has,
         * or an 18-character FPR number not starting with 9.
         */
        UNKNOWN_PREFIX("does not start with a prefix this document's numbers have"),
        /** A GB 11643 number whose birth date is impossible. */
        IMPOSSIBLE_DATE("has a birth date that is not a real date between 1900-01-01 and today"),
        /** A check character that does not match (ISO 7064 MOD 11-2). */
        BAD_CHECK_CHARACTER("has a check character that does not match (ISO 7064 MOD 11-2)");

        private final String detail;

        Fault(String detail) {
            this.detail = detail;
        }

        /** A sentence fragment naming the fault without the number. */
        public String detail() {
            return detail;
        }

        static Fault of(IdNumberFault fault) {
            return switch (fault) {
                case WRONG_LENGTH -> WRONG_LENGTH;
                case BAD_CHARACTER -> BAD_CHARACTER;
                case UNKNOWN_PREFIX -> UNKNOWN_PREFIX;
                case IMPOSSIBLE_DATE -> IMPOSSIBLE_DATE;
                case BAD_CHECK_CHARACTER -> BAD_CHECK_CHARACTER;
            };
        }
    }

    private final IdDocumentType type;
    private final String issuingCountry;
    private final String value;
    private final String pseudonymInput;
    private final ResidentIdNumber residentIdNumber;

    private DocumentNumber(IdDocumentType type, String issuingCountry, String value, String pseudonymInput,
            ResidentIdNumber residentIdNumber) {
        this.residentIdNumber = residentIdNumber;
        this.type = type;
        this.issuingCountry = issuingCountry;
        this.value = value;
        this.pseudonymInput = pseudonymInput;
    }

    // ---- parsing

    /**
     * Parses the number of a document that has no issuing state, i.e. every type but
     * {@link IdDocumentType#PASSPORT} (a passport is refused here with {@link Fault#MISSING_COUNTRY}; use
     * {@link #parse(IdDocumentType, String, String)}).
     *
     * @throws ProblemException of type {@link ProblemType#INVALID_ID_NUMBER}; the detail never contains
     *             the number
     */
    public static DocumentNumber parse(IdDocumentType type, String raw) {
        return parse(type, null, raw, null, Clock.system(ResidentIdNumber.CHINA));
    }

    /**
     * Parses the number of a document of any type. {@code issuingCountry} (ISO 3166-1 alpha-3, e.g.
     * {@code CHN}) is required for {@link IdDocumentType#PASSPORT} and ignored for every other type.
     *
     * @throws ProblemException of type {@link ProblemType#INVALID_ID_NUMBER}; the detail never contains
     *             the number
     */
    public static DocumentNumber parse(IdDocumentType type, String issuingCountry, String raw) {
        return parse(type, issuingCountry, raw, null, Clock.system(ResidentIdNumber.CHINA));
    }

    /**
     * As {@link #parse(IdDocumentType, String, String)} with the type given by its wire code (e.g.
     * {@code PASSPORT}); a missing or unknown code is refused with {@link Fault#UNKNOWN_TYPE}.
     */
    public static DocumentNumber parse(String typeCode, String issuingCountry, String raw) {
        IdDocumentType type = typeCode == null ? null : IdDocumentType.fromCode(typeCode).orElse(null);
        return parse(type, issuingCountry, raw, null, Clock.system(ResidentIdNumber.CHINA));
    }

    /**
     * The full form: a refusal carries one {@link FieldError} at {@code pointer} (a JSON Pointer into the
     * request, e.g. {@code /subject}) unless it is null, and GB 11643 birth dates are checked against
     * today in {@code clock}.
     */
    public static DocumentNumber parse(IdDocumentType type, String issuingCountry, String raw, String pointer,
            Clock clock) {
        Result result = normalise(type, issuingCountry, raw, clock);
        if (result.fault != null) {
            String detail = "The " + (type == null ? "document" : type.code()) + " number "
                    + result.fault.detail() + "; expected " + expectedForm(type) + ".";
            List<FieldError> errors = pointer == null ? List.of() : List.of(new FieldError(pointer, detail));
            throw new ProblemException(ProblemType.INVALID_ID_NUMBER, detail, errors);
        }
        return result.number;
    }

    /** The first fault of the input, or empty if it parses (today in China). */
    public static Optional<Fault> validate(IdDocumentType type, String issuingCountry, String raw) {
        return validate(type, issuingCountry, raw, Clock.system(ResidentIdNumber.CHINA));
    }

    /** The first fault of the input, or empty if it parses; today's date taken from {@code clock}. */
    public static Optional<Fault> validate(IdDocumentType type, String issuingCountry, String raw, Clock clock) {
        return Optional.ofNullable(normalise(type, issuingCountry, raw, clock).fault);
    }

    // ---- accessors

    public IdDocumentType type() {
        return type;
    }

    /** The normalised issuing state of a passport ({@code CHN}); empty for every other type. */
    public Optional<String> issuingCountry() {
        return Optional.ofNullable(issuingCountry);
    }

    /** The normalised number in plaintext, without namespace (e.g. {@code E12345678}). Never log it. */
    public String value() {
        return value;
    }

    /**
     * The exact string whose UTF-8 bytes the pseudonym is the HMAC of, in plaintext (see the class
     * comment): the bare number for GB 11643 types, {@code FPR:..}, {@code PASSPORT:CCC:..},
     * {@code HKMO:..} or {@code TW:..} otherwise. Never log it.
     */
    public String pseudonymInput() {
        return pseudonymInput;
    }

    /** The resident ID number, for the three GB 11643 types; empty otherwise. */
    public Optional<ResidentIdNumber> residentIdNumber() {
        return Optional.ofNullable(residentIdNumber);
    }

    /**
     * The list subject id of DESIGN.md §7: lowercase hex of {@code HMAC-SM3(listKey, UTF-8(pseudonymInput()))}
     * (64 characters). For the GB 11643 types this equals {@link ResidentIdNumber#pseudonym(byte[])}.
     *
     * @param listKey the list key of the epoch (not empty); not retained
     */
    public String pseudonym(byte[] listKey) {
        if (listKey == null || listKey.length == 0) {
            throw new IllegalArgumentException("pseudonym key must not be empty");
        }
        return HmacSm3.subjectId(listKey, pseudonymInput);
    }

    /**
     * The form for logs (DESIGN.md §9): the HMAC input with the personal part hidden. GB 11643 numbers and
     * 18-character FPR numbers as {@link ResidentIdNumber#mask()} (first 6, eight {@code *}, last 4), e.g.
     * {@code 110105********002X} and {@code FPR:915600********123X}; every other number keeps its namespace,
     * a passport's issuing state, the type's leading letters (FPR nationality, {@code H}/{@code M}) and its
     * last 2 characters, the rest as {@code *}: {@code FPR:ABC**********12}, {@code PASSPORT:CHN:*******78},
     * {@code HKMO:H******78}, {@code TW:******78}.
     */
    public String mask() {
        return switch (type) {
            case RESIDENT_ID_CARD, RESIDENCE_PERMIT_HK_MACAO, RESIDENCE_PERMIT_TAIWAN -> maskGb(value);
            case FOREIGN_PERMANENT_RESIDENCE_ID -> FOREIGN_PERMANENT_RESIDENCE_NAMESPACE
                    + (value.length() == ResidentIdNumber.LENGTH ? maskGb(value) : maskKeeping(value, 3, 2));
            case PASSPORT -> PASSPORT_NAMESPACE + issuingCountry + ":" + maskKeeping(value, 0, 2);
            case HK_MACAO_TRAVEL_PERMIT -> HK_MACAO_TRAVEL_PERMIT_NAMESPACE + maskKeeping(value, 1, 2);
            case TAIWAN_COMPATRIOT_PERMIT -> TAIWAN_COMPATRIOT_PERMIT_NAMESPACE + maskKeeping(value, 0, 2);
        };
    }

    /** Same type and same HMAC input. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentNumber other && type == other.type && pseudonymInput.equals(other.pseudonymInput);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, pseudonymInput);
    }

    /** The {@link #mask()}, never the number. */
    @Override
    public String toString() {
        return mask();
    }

    // ---- the rules

    private record Result(DocumentNumber number, Fault fault) {
        static Result refused(Fault fault) {
            return new Result(null, fault);
        }
    }

    private static Result normalise(IdDocumentType type, String issuingCountry, String raw, Clock clock) {
        if (type == null) {
            return Result.refused(Fault.UNKNOWN_TYPE);
        }
        return switch (type) {
            case RESIDENT_ID_CARD, RESIDENCE_PERMIT_HK_MACAO, RESIDENCE_PERMIT_TAIWAN -> gb11643(type, raw, clock);
            case FOREIGN_PERMANENT_RESIDENCE_ID -> foreignPermanentResidence(raw);
            case PASSPORT -> passport(issuingCountry, raw);
            case HK_MACAO_TRAVEL_PERMIT -> hkMacaoTravelPermit(raw);
            case TAIWAN_COMPATRIOT_PERMIT -> taiwanCompatriotPermit(raw);
        };
    }

    private static Result gb11643(IdDocumentType type, String raw, Clock clock) {
        Optional<IdNumberFault> fault = ResidentIdNumber.validate(raw, clock);
        if (fault.isPresent()) {
            return Result.refused(Fault.of(fault.get()));
        }
        ResidentIdNumber id = ResidentIdNumber.parse(raw, null, clock);
        return new Result(new DocumentNumber(type, null, id.value(), id.value(), id), null);
    }

    private static Result foreignPermanentResidence(String raw) {
        if (raw == null) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        String s = compact(raw);
        if (s == null) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        if (s.length() == ResidentIdNumber.LENGTH) {
            if (!allDigits(s, 0, ResidentIdNumber.LENGTH - 1) || !isDigitOrX(s.charAt(ResidentIdNumber.LENGTH - 1))) {
                return Result.refused(Fault.BAD_CHARACTER);
            }
            if (s.charAt(0) != '9') {
                return Result.refused(Fault.UNKNOWN_PREFIX);
            }
            if (ResidentIdNumber.checkCharacter(s) != s.charAt(ResidentIdNumber.LENGTH - 1)) {
                return Result.refused(Fault.BAD_CHECK_CHARACTER);
            }
        } else if (s.length() == 15) {
            if (!allLetters(s, 0, 3) || !allDigits(s, 3, 15)) {
                return Result.refused(Fault.BAD_CHARACTER);
            }
        } else {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        return accept(IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, s,
                FOREIGN_PERMANENT_RESIDENCE_NAMESPACE + s);
    }

    private static Result passport(String issuingCountry, String raw) {
        if (issuingCountry == null || issuingCountry.isBlank()) {
            return Result.refused(Fault.MISSING_COUNTRY);
        }
        String country = upperAscii(issuingCountry.strip().replace("<", ""));
        if ("D".equals(country)) {
            country = "DEU";
        }
        if (country == null || country.length() != 3 || !allLetters(country, 0, 3)) {
            return Result.refused(Fault.BAD_COUNTRY);
        }
        if (raw == null) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        String s = compact(raw.replace("<", ""));
        if (s == null) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        if (s.length() < PASSPORT_MIN_LENGTH || s.length() > PASSPORT_MAX_LENGTH) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiDigit(s.charAt(i)) && !isAsciiUpper(s.charAt(i))) {
                return Result.refused(Fault.BAD_CHARACTER);
            }
        }
        return accept(IdDocumentType.PASSPORT, country, s, PASSPORT_NAMESPACE + country + ":" + s);
    }

    private static Result hkMacaoTravelPermit(String raw) {
        if (raw == null) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        String s = compact(raw);
        if (s == null) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        if (s.length() != 9 && s.length() != 11) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        if ((s.charAt(0) != 'H' && s.charAt(0) != 'M') || !allDigits(s, 1, s.length())) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        String lifetime = s.substring(0, 9);
        return accept(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, lifetime,
                HK_MACAO_TRAVEL_PERMIT_NAMESPACE + lifetime);
    }

    private static Result taiwanCompatriotPermit(String raw) {
        if (raw == null) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        String s = compact(dropIssuingOfficeCode(raw));
        if (s == null) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        if (s.length() != 8 && s.length() != 10) {
            return Result.refused(Fault.WRONG_LENGTH);
        }
        if (!allDigits(s, 0, s.length())) {
            return Result.refused(Fault.BAD_CHARACTER);
        }
        String lifetime = s.substring(0, 8);
        return accept(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, lifetime,
                TAIWAN_COMPATRIOT_PERMIT_NAMESPACE + lifetime);
    }

    private static Result accept(IdDocumentType type, String country, String value, String input) {
        return new Result(new DocumentNumber(type, country, value, input, null), null);
    }

    // ---- helpers

    /** The expected form of a type's numbers, for refusal details (fixed text, never the input). */
    private static String expectedForm(IdDocumentType type) {
        if (type == null) {
            return "one of the codes of dictionary/id-document-types.json";
        }
        return switch (type) {
            case RESIDENT_ID_CARD, RESIDENCE_PERMIT_HK_MACAO, RESIDENCE_PERMIT_TAIWAN ->
                "a GB 11643-1999 number of 18 characters";
            case FOREIGN_PERMANENT_RESIDENCE_ID ->
                "9 then 16 digits and a GB 11643 check character, or 3 letters then 12 digits";
            case PASSPORT -> "an issuing state of 3 letters, and 5 to 20 letters or digits";
            case HK_MACAO_TRAVEL_PERMIT -> "H or M then 8 digits, or 10 digits on older permits";
            case TAIWAN_COMPATRIOT_PERMIT ->
                "8 digits, or 10 digits on older permits, optionally with a bracketed issuing-office code";
        };
    }

    /**
     * Whitespace and hyphens removed, ASCII letters upper-cased; null if any other non-ASCII character
     * remains (the caller refuses it as a bad character). Brackets are kept: only the Taiwan rule drops them.
     */
    private static String compact(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0' || c == '-') {
                continue;
            }
            b.append(c);
        }
        return upperAscii(b.toString());
    }

    /** ASCII letters upper-cased; null if the string has a non-ASCII character. */
    private static String upperAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append((char) (c - 'a' + 'A'));
            } else if (c < 0x80) {
                b.append(c);
            } else {
                return null;
            }
        }
        return b.toString();
    }

    /**
     * The Taiwan permit's trailing issuing-office code: {@code (X)} or {@code (XY)} of letters or digits in
     * ASCII or full-width brackets, after trailing whitespace, removed with its brackets. Anything else is
     * returned unchanged (and then refused by the format check if it still has a bracket).
     */
    private static String dropIssuingOfficeCode(String s) {
        String t = s.stripTrailing();
        if (t.isEmpty()) {
            return s;
        }
        char close = t.charAt(t.length() - 1);
        char open;
        if (close == ')') {
            open = '(';
        } else if (close == '\uff09') {
            open = '\uff08';
        } else {
            return s;
        }
        int at = t.lastIndexOf(open);
        if (at < 0) {
            return s;
        }
        String code = t.substring(at + 1, t.length() - 1).strip();
        if (code.isEmpty() || code.length() > 2) {
            return s;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!isAsciiDigit(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
                return s;
            }
        }
        return t.substring(0, at);
    }

    private static String maskGb(String eighteen) {
        return eighteen.substring(0, 6) + "********" + eighteen.substring(ResidentIdNumber.LENGTH - 4);
    }

    private static String maskKeeping(String s, int head, int tail) {
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiUpper(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitOrX(char c) {
        return isAsciiDigit(c) || c == 'X';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}

package org.yimatong.schemas.idnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.OpenSslBinary;
import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.idnumber.DocumentNumber.Fault;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Document numbers of every type and their list pseudonyms (DESIGN.md §7, REQ-LIST-11), against the
 * published vectors {@code /vectors/list-pseudonyms.json}. Every number here is made up; GB 11643 check
 * characters were computed with the ISO 7064 MOD 11-2 rule (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 * sum mod 11 indexes {@code 1 0 X 9 8 7 6 5 4 3 2}) and are re-checked by {@link ResidentIdNumber}.
 */
class DocumentNumberTest {

    private static final String VECTORS = "/vectors/list-pseudonyms.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final byte[] KEY = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    /** Today is 2026-11-27 in China for the date-dependent tests. */
    private static final Clock TODAY = Clock.fixed(
            ZonedDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant(),
            ZoneId.of("Asia/Shanghai"));

    /* 44030419950322711 + check: sum 294, 294 mod 11 = 8 -> 4. */
    private static final String ID_CARD = "440304199503227114";

    // ---- the published vectors

    @Test
    void everyVectorNormalisesToItsInputAndGivesItsPseudonymAndMask() throws IOException {
        for (JsonNode v : vectors().get("vectors")) {
            DocumentNumber number = DocumentNumber.parse(v.get("type").asText(), text(v, "issuingCountry"),
                    v.get("raw").asText());
            String label = v.get("type").asText() + " " + v.get("note").asText();
            assertEquals(v.get("pseudonymInput").asText(), number.pseudonymInput(), label);
            byte[] key = HexFormat.of().parseHex(v.get("keyHex").asText());
            assertEquals(v.get("pseudonym").asText(), number.pseudonym(key), label);
            assertEquals(v.get("mask").asText(), number.mask(), label);
            assertEquals(number.mask(), number.toString(), label);
            assertEquals(v.get("type").asText(), number.type().code(), label);
        }
    }

    @Test
    void everyVectorInputMatchesThePatternOfItsTypeInTheDataDictionary() throws IOException {
        for (JsonNode v : vectors().get("vectors")) {
            IdDocumentType type = IdDocumentType.valueOf(v.get("type").asText());
            String input = v.get("pseudonymInput").asText();
            assertTrue(input.matches(type.pseudonymInput()), type + ": " + input + " !~ " + type.pseudonymInput());
            for (IdDocumentType other : IdDocumentType.values()) {
                if (other.carriesResidentIdNumber() != type.carriesResidentIdNumber()
                        || !other.carriesResidentIdNumber() && other != type) {
                    assertFalse(input.matches(other.pseudonymInput()), input + " also matches " + other);
                }
            }
        }
    }

    @Test
    void everyTypeHasAtLeastTwoVectors() throws IOException {
        Map<IdDocumentType, Integer> count = new EnumMap<>(IdDocumentType.class);
        for (JsonNode v : vectors().get("vectors")) {
            count.merge(IdDocumentType.valueOf(v.get("type").asText()), 1, Integer::sum);
        }
        for (IdDocumentType type : IdDocumentType.values()) {
            assertTrue(count.getOrDefault(type, 0) >= 2, type + " has fewer than 2 vectors");
        }
    }

    @Test
    void gb11643VectorsGiveExactlyTheResidentIdNumberPseudonym() throws IOException {
        for (JsonNode v : vectors().get("vectors")) {
            if (IdDocumentType.valueOf(v.get("type").asText()).carriesResidentIdNumber()) {
                byte[] key = HexFormat.of().parseHex(v.get("keyHex").asText());
                ResidentIdNumber id = ResidentIdNumber.parse(v.get("raw").asText());
                assertEquals(id.pseudonym(key), v.get("pseudonym").asText(), v.get("raw").asText());
                assertEquals(id.value(), v.get("pseudonymInput").asText());
            }
        }
    }

    @Test
    void everyPublishedRefusalIsRefusedWithItsFaultAndAMessageWithoutTheInput() throws IOException {
        for (JsonNode r : vectors().get("refusals")) {
            String code = r.get("type").asText();
            String country = text(r, "issuingCountry");
            String raw = r.get("raw").asText();
            ProblemException e = assertThrows(ProblemException.class, () -> DocumentNumber.parse(code, country, raw),
                    code + " " + r.get("fault").asText());
            assertEquals(ProblemType.INVALID_ID_NUMBER, e.type());
            IdDocumentType type = IdDocumentType.fromCode(code).orElse(null);
            assertEquals(Optional.of(Fault.valueOf(r.get("fault").asText())),
                    DocumentNumber.validate(type, country, raw), code + " " + raw.length());
            assertTrue(e.getMessage().contains(Fault.valueOf(r.get("fault").asText()).detail()), e.getMessage());
            assertLeaksNothingOf(raw, e.getMessage());
        }
    }

    @Test
    void vectorsAgreeWithOpenSsl() throws Exception {
        Path openssl = OpenSslBinary.require();
        for (JsonNode v : vectors().get("vectors")) {
            Process p = new ProcessBuilder(openssl.toString(), "mac", "-digest", "SM3", "-macopt",
                    "hexkey:" + v.get("keyHex").asText(), "HMAC").redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(v.get("pseudonymInput").asText().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertEquals(v.get("pseudonym").asText(), out.toLowerCase(), v.get("pseudonymInput").asText());
        }
    }

    // ---- one pseudonym space

    @Test
    void idCardAndHongKongMacaoResidencePermitWithTheSameNumberAreTheSameSubjectButAPassportIsNot() {
        DocumentNumber card = DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, ID_CARD);
        DocumentNumber permit = DocumentNumber.parse(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO, ID_CARD);
        DocumentNumber taiwanPermit = DocumentNumber.parse(IdDocumentType.RESIDENCE_PERMIT_TAIWAN, ID_CARD);
        DocumentNumber passport = DocumentNumber.parse(IdDocumentType.PASSPORT, "CHN", ID_CARD);

        assertEquals(card.pseudonym(KEY), permit.pseudonym(KEY));
        assertEquals(card.pseudonym(KEY), taiwanPermit.pseudonym(KEY));
        assertEquals(ResidentIdNumber.parse(ID_CARD).pseudonym(KEY), card.pseudonym(KEY));
        assertEquals(ID_CARD, passport.value());
        assertEquals("PASSPORT:CHN:" + ID_CARD, passport.pseudonymInput());
        assertNotEquals(card.pseudonym(KEY), passport.pseudonym(KEY));
    }

    @Test
    void aHongKongPrefixNumberIsAlsoAcceptedAsAnIdCardWithTheSamePseudonym() {
        // 81000019920808009 + check: sum 266, 266 mod 11 = 2 -> X
        String hk = "81000019920808009X";
        assertEquals(DocumentNumber.parse(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO, hk).pseudonym(KEY),
                DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, hk).pseudonym(KEY));
        assertEquals(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO,
                DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, hk).residentIdNumber().orElseThrow()
                        .documentType());
    }

    @Test
    void theSameCharactersUnderDifferentNonGbTypesNeverCollide() {
        DocumentNumber tw = DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "12345678");
        DocumentNumber passport = DocumentNumber.parse(IdDocumentType.PASSPORT, "CHN", "12345678");
        DocumentNumber hk = DocumentNumber.parse(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "H12345678");
        DocumentNumber passportH = DocumentNumber.parse(IdDocumentType.PASSPORT, "CHN", "H12345678");
        assertEquals("TW:12345678", tw.pseudonymInput());
        assertEquals("HKMO:H12345678", hk.pseudonymInput());
        assertNotEquals(tw.pseudonym(KEY), passport.pseudonym(KEY));
        assertNotEquals(hk.pseudonym(KEY), passportH.pseudonym(KEY));
        assertNotEquals(tw, passport);
    }

    @Test
    void thePassportsIssuingStateIsPartOfThePseudonym() {
        DocumentNumber chn = DocumentNumber.parse(IdDocumentType.PASSPORT, "CHN", "E12345678");
        DocumentNumber hkg = DocumentNumber.parse(IdDocumentType.PASSPORT, "HKG", "E12345678");
        assertNotEquals(chn.pseudonym(KEY), hkg.pseudonym(KEY));
        assertEquals(Optional.of("CHN"), chn.issuingCountry());
        assertEquals(DocumentNumber.parse(IdDocumentType.PASSPORT, "D", "C01X00T47"),
                DocumentNumber.parse(IdDocumentType.PASSPORT, "deu", "C01X00T47"));
    }

    @Test
    void olderAndNewerPermitNumbersOfOneHolderShareTheirPseudonym() {
        assertEquals(DocumentNumber.parse(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "H01234567").pseudonym(KEY),
                DocumentNumber.parse(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "H0123456703").pseudonym(KEY));
        assertEquals(DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "01234567").pseudonym(KEY),
                DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "0123456701 (A)").pseudonym(KEY));
        assertEquals("H01234567", DocumentNumber.parse(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "h0123456700").value());
    }

    @Test
    void theIssuingStateIsIgnoredForEveryTypeButPassport() {
        assertEquals(DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, ID_CARD),
                DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, "CHN", ID_CARD));
        assertEquals(Optional.empty(), DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "CHN", "12345678")
                .issuingCountry());
    }

    // ---- refusals, one kind each

    @Test
    void wrongLengthIsRefusedForEveryType() {
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.RESIDENT_ID_CARD, null, "44030419950322711");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.RESIDENCE_PERMIT_TAIWAN, null, "8300001976091804751");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, "93184019850412003");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.PASSPORT, "CHN", "E123");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.PASSPORT, "CHN", "E".repeat(21));
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, "H012345678");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, "0123456");
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, "");
        for (IdDocumentType type : IdDocumentType.values()) {
            assertFault(Fault.WRONG_LENGTH, type, "CHN", null);
        }
    }

    @Test
    void badCharactersAreRefused() {
        // a space inside a GB 11643 number is not removed: that rule is ResidentIdNumber's, unchanged
        assertFault(Fault.WRONG_LENGTH, IdDocumentType.RESIDENT_ID_CARD, null, "440304 199503227114");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.RESIDENT_ID_CARD, null, "4403041995O3227114");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, "931840198504120O31");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, "USA31008504120S");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.PASSPORT, "CHN", "E1234.5678");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.PASSPORT, "CHN", "Ｅ12345678");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, "X01234567");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, "H0123456A");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, "0123456７");
        // brackets are removed only for the Taiwan permit's trailing issuing-office code
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, "0123(4567)");
        assertFault(Fault.BAD_CHARACTER, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, "USA(3100850412)");
    }

    @Test
    void badCheckCharactersAreRefused() {
        // the check character of 44030419950322711 is 4 (see ID_CARD), not 5
        assertFault(Fault.BAD_CHECK_CHARACTER, IdDocumentType.RESIDENT_ID_CARD, null, "440304199503227115");
        assertFault(Fault.BAD_CHECK_CHARACTER, IdDocumentType.RESIDENCE_PERMIT_HK_MACAO, null, "810000199208080091");
        // 93184019850412004 + check: sum 310, 310 mod 11 = 2 -> X, not 0
        assertFault(Fault.BAD_CHECK_CHARACTER, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null,
                "931840198504120040");
    }

    @Test
    void prefixesAndDatesAreThoseOfResidentIdNumber() {
        // 71000019900101123: sum 159, mod 11 = 5 -> 7
        assertFault(Fault.UNKNOWN_PREFIX, IdDocumentType.RESIDENCE_PERMIT_TAIWAN, null, "710000199001011237");
        // an FPR number in GB 11643 form starts with 9
        assertFault(Fault.UNKNOWN_PREFIX, IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, null, ID_CARD);
        // 31010120261128123 (tomorrow): sum 171, mod 11 = 6 -> 6
        assertEquals(Optional.of(Fault.IMPOSSIBLE_DATE), DocumentNumber.validate(IdDocumentType.RESIDENT_ID_CARD, null,
                "310101202611281236", TODAY));
    }

    @Test
    void passportsNeedAThreeLetterIssuingState() {
        assertFault(Fault.MISSING_COUNTRY, IdDocumentType.PASSPORT, null, "E12345678");
        assertFault(Fault.MISSING_COUNTRY, IdDocumentType.PASSPORT, "  ", "E12345678");
        assertFault(Fault.BAD_COUNTRY, IdDocumentType.PASSPORT, "CN", "E12345678");
        assertFault(Fault.BAD_COUNTRY, IdDocumentType.PASSPORT, "C1N", "E12345678");
        assertFault(Fault.BAD_COUNTRY, IdDocumentType.PASSPORT, "中国", "E12345678");
        ProblemException e = assertThrows(ProblemException.class,
                () -> DocumentNumber.parse(IdDocumentType.PASSPORT, "E12345678"));
        assertTrue(e.getMessage().contains(Fault.MISSING_COUNTRY.detail()), e.getMessage());
    }

    @Test
    void unknownTypesAreRefused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> DocumentNumber.parse("DRIVING_LICENCE", null, "12345678"));
        assertEquals(ProblemType.INVALID_ID_NUMBER, e.type());
        assertTrue(e.getMessage().contains(Fault.UNKNOWN_TYPE.detail()), e.getMessage());
        assertFalse(e.getMessage().contains("DRIVING"), e.getMessage());
        assertThrows(ProblemException.class, () -> DocumentNumber.parse((String) null, null, "12345678"));
        assertThrows(ProblemException.class, () -> DocumentNumber.parse("resident_id_card", null, ID_CARD));
        assertEquals(Optional.of(Fault.UNKNOWN_TYPE), DocumentNumber.validate(null, null, ID_CARD));
        assertThrows(ProblemException.class, () -> DocumentNumber.parse((IdDocumentType) null, ID_CARD));
    }

    @Test
    void refusalMessagesDependOnlyOnTypeAndFault() {
        assertEquals(message(IdDocumentType.RESIDENT_ID_CARD, null, "440304199503227115"),
                message(IdDocumentType.RESIDENT_ID_CARD, null, "830000197609180470"));
        assertEquals(message(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, "H1234567"),
                message(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, null, "M7654321"));
        assertEquals(message(IdDocumentType.PASSPORT, "CHN", "E1234.5678"),
                message(IdDocumentType.PASSPORT, "GBR", "K9876/54321"));
    }

    @Test
    void refusalMessagesContainNothingOfTheInput() {
        String[][] cases = {
                { "RESIDENT_ID_CARD", null, "440304199503227115" },
                { "RESIDENT_ID_CARD", null, "4403041995032271" },
                { "FOREIGN_PERMANENT_RESIDENCE_ID", null, "931840198504120040" },
                { "FOREIGN_PERMANENT_RESIDENCE_ID", null, "USA31008504120S" },
                { "PASSPORT", "CHN", "E8765.4321" },
                { "HK_MACAO_TRAVEL_PERMIT", null, "H876543" },
                { "TAIWAN_COMPATRIOT_PERMIT", null, "8765432A" },
        };
        for (String[] c : cases) {
            ProblemException e = assertThrows(ProblemException.class, () -> DocumentNumber.parse(c[0], c[1], c[2]));
            assertLeaksNothingOf(c[2], e.getMessage());
        }
    }

    @Test
    void aPointerGivesOneFieldErrorWithTheSameDetail() {
        ProblemException e = assertThrows(ProblemException.class, () -> DocumentNumber.parse(
                IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, null, "0123456", "/subject", TODAY));
        assertEquals(1, e.errors().size());
        FieldError error = e.errors().get(0);
        assertEquals("/subject", error.pointer());
        assertEquals(e.getMessage(), error.detail());
        assertLeaksNothingOf("0123456", error.detail());
    }

    // ---- masking and the plaintext accessors

    @Test
    void toStringIsTheMaskAndHidesTheMiddleOfTheNumber() {
        DocumentNumber card = DocumentNumber.parse(IdDocumentType.RESIDENT_ID_CARD, ID_CARD);
        assertEquals(ResidentIdNumber.parse(ID_CARD).mask(), card.toString());
        assertFalse(card.toString().contains("19950322"));

        DocumentNumber passport = DocumentNumber.parse(IdDocumentType.PASSPORT, "CHN", "E12345678");
        assertEquals("PASSPORT:CHN:*******78", passport.toString());
        assertEquals("E12345678", passport.value());
        assertEquals("HKMO:M******21",
                DocumentNumber.parse(IdDocumentType.HK_MACAO_TRAVEL_PERMIT, "M87654321").toString());
        assertEquals("TW:******21",
                DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "87654321").toString());
        assertEquals("FPR:USA**********03",
                DocumentNumber.parse(IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, "USA310085041203").toString());
        assertEquals("FPR:931840********004X",
                DocumentNumber.parse(IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, "93184019850412004X").toString());
    }

    @Test
    void onlyGb11643TypesHaveAResidentIdNumber() {
        assertEquals(ResidentIdNumber.parse(ID_CARD),
                DocumentNumber.parse(IdDocumentType.RESIDENCE_PERMIT_TAIWAN, ID_CARD).residentIdNumber().orElseThrow());
        assertEquals(Optional.empty(),
                DocumentNumber.parse(IdDocumentType.FOREIGN_PERMANENT_RESIDENCE_ID, "93184019850412004X")
                        .residentIdNumber());
    }

    @Test
    void pseudonymRefusesAnEmptyKey() {
        DocumentNumber tw = DocumentNumber.parse(IdDocumentType.TAIWAN_COMPATRIOT_PERMIT, "87654321");
        assertThrows(IllegalArgumentException.class, () -> tw.pseudonym(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> tw.pseudonym(null));
    }

    // ---- helpers

    private static void assertFault(Fault expected, IdDocumentType type, String country, String raw) {
        assertEquals(Optional.of(expected), DocumentNumber.validate(type, country, raw), type + " " + expected);
        ProblemException e = assertThrows(ProblemException.class, () -> DocumentNumber.parse(type, country, raw));
        assertEquals(ProblemType.INVALID_ID_NUMBER, e.type());
        assertTrue(e.getMessage().contains(expected.detail()), e.getMessage());
        if (raw != null) {
            assertLeaksNothingOf(raw, e.getMessage());
        }
    }

    private static String message(IdDocumentType type, String country, String raw) {
        return assertThrows(ProblemException.class, () -> DocumentNumber.parse(type, country, raw)).getMessage();
    }

    /**
     * No run of 4 consecutive letters or digits of the input (separators removed, upper-cased) appears in
     * the message, so a refusal shows less of a number than its mask does (the mask shows its last 2 or 4).
     */
    private static void assertLeaksNothingOf(String raw, String message) {
        String compact = raw.replaceAll("[^0-9A-Za-z]", "").toUpperCase();
        String upper = message.toUpperCase();
        for (int i = 0; i + 4 <= compact.length(); i++) {
            String window = compact.substring(i, i + 4);
            assertFalse(upper.contains(window), "message shows '" + window + "' of the input: " + message);
        }
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = DocumentNumberTest.class.getResourceAsStream(VECTORS)) {
            if (in == null) {
                throw new IOException("missing " + VECTORS);
            }
            return MAPPER.readTree(in);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

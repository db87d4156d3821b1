package org.yimatong.schemas.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.idnumber.ResidentIdPrefixes;
import org.yimatong.schemas.payload.PurposePolicy;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every dictionary file agrees with its Java side in both directions: same constants in the same order,
 * same field values. A constant added on one side only, or a changed title, fails here.
 */
class DictionaryFilesTest {

    private static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/main/resources/dictionary");

    @Test
    void everyFileIsIndexedAndEveryIndexedTableHasAFile() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            var onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            var indexed = DataDictionary.TABLES.stream().map(t -> t + ".json")
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(indexed, onDisk);
        }
    }

    @Test
    void everyFileNamesItsSourceAndEveryEntryHasExactlyTheDeclaredColumns() {
        for (String table : DataDictionary.TABLES) {
            JsonNode file = DataDictionary.read(table);
            assertFalse(file.path("$comment").asText().isBlank(), table + ": $comment");
            assertFalse(file.path("title").asText().isBlank(), table + ": title");
            List<String> columns = new ArrayList<>();
            file.get("columns").forEach(c -> columns.add(c.get("key").asText()));
            assertFalse(columns.isEmpty(), table + ": columns");
            assertTrue(file.get("entries").size() > 0, table + ": entries");
            for (JsonNode entry : file.get("entries")) {
                List<String> keys = new ArrayList<>();
                Iterator<String> it = entry.fieldNames();
                it.forEachRemaining(keys::add);
                assertEquals(new TreeSet<>(columns), new TreeSet<>(keys), table + ": " + entry);
            }
        }
    }

    @Test
    void provincesFileMatchesProvinceEnum() {
        assertAgrees("provinces", Province.class, "name", new Fields<>(Province.class)
                .with("prefix", Province::prefix)
                .with("code", Province::regionCode)
                .with("nameZh", Province::nameZh)
                .with("nameEn", Province::nameEn)
                .with("kind", Province::kind).map);
    }

    @Test
    void idDocumentTypesFileMatchesIdDocumentTypeEnum() {
        assertAgrees("id-document-types", IdDocumentType.class, "code", new Fields<>(IdDocumentType.class)
                .with("nameZh", IdDocumentType::nameZh)
                .with("nameEn", IdDocumentType::nameEn)
                .with("gb11643", IdDocumentType::carriesResidentIdNumber)
                .with("normalisation", IdDocumentType::normalisation)
                .with("pseudonymInput", IdDocumentType::pseudonymInput).map);
    }

    @Test
    void idDocumentTypesPseudonymInputsAreRegularExpressionsThatKeepTheTypesApart() {
        // every non-GB 11643 input starts with its own namespace, none a prefix of another, and never
        // matches the bare GB 11643 form: no two types can share an HMAC input
        String gb = IdDocumentType.RESIDENT_ID_CARD.pseudonymInput();
        var namespaces = new TreeSet<String>();
        for (IdDocumentType type : IdDocumentType.values()) {
            java.util.regex.Pattern.compile(type.pseudonymInput());
            assertFalse(type.normalisation().isBlank(), type + ".normalisation");
            if (type.carriesResidentIdNumber()) {
                assertEquals(gb, type.pseudonymInput(), type + ": GB 11643 types share one input form");
                assertTrue("11010519491231002X".matches(type.pseudonymInput()));
            } else {
                String namespace = type.pseudonymInput().substring(1, type.pseudonymInput().indexOf(':') + 1);
                assertTrue(namespace.matches("[A-Z]+:"), type + ": namespace " + namespace);
                assertTrue(namespaces.add(namespace), type + ": namespace used twice");
            }
        }
        for (String a : namespaces) {
            for (String b : namespaces) {
                assertTrue(a.equals(b) || !b.startsWith(a), a + " is a prefix of " + b);
            }
        }
    }

    @Test
    void colourFileMatchesColourEnum() {
        assertAgrees("colours", Colour.class, "name", new Fields<>(Colour.class)
                .with("letter", Colour::letter).map);
    }

    @Test
    void plainEnumFilesMatchTheirEnums() {
        assertAgrees("verification-statuses", VerificationStatus.class, "name", Map.of());
        assertAgrees("answer-sources", AnswerSource.class, "name", Map.of());
        assertAgrees("reason-codes", ReasonCode.class, "name", Map.of());
        assertAgrees("member-kinds", MemberKind.class, "name", Map.of());
        assertAgrees("member-statuses", MemberStatus.class, "name", Map.of());
    }

    @Test
    void levelsOfAssuranceFileMatchesEnumIncludingOrder() {
        assertAgrees("levels-of-assurance", LevelOfAssurance.class, "name", new Fields<>(LevelOfAssurance.class)
                .with("rank", LevelOfAssurance::ordinal)
                .with("uri", LevelOfAssurance::uri).map);
    }

    @Test
    void attestationsFileNamesEachAttestationByItsWireNameWithItsFields() {
        List<String> inFile = new ArrayList<>();
        DataDictionary.read("attestations").get("entries").forEach(e -> {
            inFile.add(e.get("name").asText());
            Attestation a = Attestation.fromWireName(e.get("name").asText()).orElseThrow();
            assertEquals(String.join(", ", a.fields()), e.get("fields").asText(), a + ".fields");
        });
        assertEquals(Arrays.stream(Attestation.values()).map(Attestation::wireName).toList(), inFile);
    }

    @Test
    void purposesFileIsTheContractPolicyAndEveryCellIsADisclosureAndALevel() {
        JsonNode file = DataDictionary.read("purposes");
        PurposePolicy policy = PurposePolicy.contract();
        assertEquals(file.get("version").asInt(), policy.version());
        assertEquals(List.of(), policy.validate());
        assertEquals(file.get("entries").size(), policy.purposes().size());
        for (JsonNode entry : file.get("entries")) {
            PurposePolicy.Purpose purpose = policy.purpose(entry.get("name").asText()).orElseThrow();
            for (Attestation a : Attestation.values()) {
                String cell = entry.get(a.wireName()).asText();
                assertEquals(cell, purpose.allowance(a).map(al -> al.disclosure() + ":" + al.minimumLevel().name()
                        .toLowerCase(java.util.Locale.ROOT)).orElse(""), purpose.purpose() + "." + a.wireName());
            }
        }
        // what the example needs: a station gate decides on a test, a hospital reads it from substantial
        assertEquals(Optional.of(Disclosure.DECISION), policy.purpose("station-entry").orElseThrow()
                .disclosureAt(Attestation.NAAT, LevelOfAssurance.ANONYMOUS));
        assertEquals(Optional.empty(), policy.purpose("hospital-visit").orElseThrow()
                .disclosureAt(Attestation.NAAT, LevelOfAssurance.BASIC));
        assertEquals(Optional.of(Disclosure.DATA), policy.purpose("hospital-visit").orElseThrow()
                .disclosureAt(Attestation.NAAT, LevelOfAssurance.HIGH));
    }

    @Test
    void venueKindsFileMatchesVenueKindEnumIncludingTheChineseNames() {
        assertAgrees("venue-kinds", VenueKind.class, "name", new Fields<>(VenueKind.class)
                .with("nameZh", VenueKind::nameZh).map);
    }

    @Test
    void problemTypesFileMatchesProblemTypeExactly() {
        assertAgrees("problem-types", ProblemType.class, "name", new Fields<>(ProblemType.class)
                .with("slug", ProblemType::slug)
                .with("status", ProblemType::status)
                .with("title", ProblemType::title).map);
    }

    @Test
    void idNumberPrefixesFileMatchesResidentIdPrefixesForEveryTwoDigitPrefix() {
        Map<String, JsonNode> byPrefix = new LinkedHashMap<>();
        DataDictionary.read("id-number-prefixes").get("entries")
                .forEach(e -> byPrefix.put(e.get("prefix").asText(), e));
        for (int i = 0; i < 100; i++) {
            String prefix = String.format("%02d", i);
            JsonNode entry = byPrefix.get(prefix);
            boolean acceptedInFile = entry != null && entry.get("accepted").asBoolean();
            assertEquals(acceptedInFile, ResidentIdPrefixes.isAccepted(prefix), "prefix " + prefix);
            String documentInFile = entry == null ? "" : entry.get("document").asText();
            assertEquals(documentInFile,
                    ResidentIdPrefixes.documentFor(prefix).map(IdDocumentType::code).orElse(""),
                    "document of prefix " + prefix);
        }
    }

    @Test
    void idNumberPrefixesFileListsEveryProvince() {
        var listed = new TreeSet<String>();
        DataDictionary.read("id-number-prefixes").get("entries").forEach(e -> listed.add(e.get("prefix").asText()));
        for (Province p : Province.values()) {
            assertTrue(listed.contains(p.prefix()), p + " missing from id-number-prefixes.json");
        }
    }

    private static <E extends Enum<E>> void assertAgrees(String table, Class<E> type, String nameKey,
            Map<String, Function<E, Object>> fields) {
        JsonNode entries = DataDictionary.read(table).get("entries");
        List<String> inFile = new ArrayList<>();
        entries.forEach(e -> inFile.add(e.get(nameKey).asText()));
        List<String> inJava = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        assertEquals(inJava, inFile, table + ": constants (in order) of " + type.getSimpleName());
        for (JsonNode entry : entries) {
            E constant = Enum.valueOf(type, entry.get(nameKey).asText());
            fields.forEach((key, accessor) -> assertEquals(String.valueOf(accessor.apply(constant)),
                    entry.get(key).asText(), table + ": " + constant + "." + key));
        }
    }

    /** The fields of one table compared with accessors of its enum, by column key. */
    private static final class Fields<E> {
        final Map<String, Function<E, Object>> map = new LinkedHashMap<>();

        Fields(Class<E> type) {
        }

        Fields<E> with(String key, Function<E, Object> accessor) {
            map.put(key, accessor);
            return this;
        }
    }
}

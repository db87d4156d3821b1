package org.yimatong.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.SignatureAlgorithm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Pins the Java records and the JSON Schemas together: each record, serialised with {@link PayloadJson#mapper()},
 * validates against its schema, writes exactly the schema's properties and reads back to an equal record.
 */
class PayloadSchemaContractTest {

    /** Schema files whose Java type lives outside org.yimatong.schemas.payload. */
    static final Set<String> OWNED_ELSEWHERE = Set.of("list-entry.json");

    static final ObjectMapper MAPPER = PayloadJson.mapper();
    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();

    static JsonSchema schema(String file) {
        return FACTORY.getSchema(SchemaLocation.of("classpath:schemas/" + file), CONFIG);
    }

    static Set<ValidationMessage> validate(String file, JsonNode json) {
        return schema(file).validate(json);
    }

    static Stream<Arguments> samples() {
        return Samples.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Set<String> schemaFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(OpenApiDocumentTest.directory("schemas"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(files::add);
        }
        return files;
    }

    static JsonNode schemaJson(String file) throws IOException {
        return MAPPER.readTree(OpenApiDocumentTest.text("schemas/" + file));
    }

    @Test
    void everySchemaFileIsAValidDraft2020_12Schema() throws IOException {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);
        List<String> faults = new ArrayList<>();
        for (String file : schemaFiles()) {
            meta.validate(schemaJson(file)).forEach(m -> faults.add(file + ": " + m));
        }
        assertEquals(List.of(), faults);
    }

    @Test
    void everyPayloadSchemaHasARecordSample() throws IOException {
        Set<String> expected = new TreeSet<>(schemaFiles());
        expected.removeAll(OWNED_ELSEWHERE);
        assertEquals(expected, new TreeSet<>(Samples.all().keySet()));
    }

    @Test
    void everyExampleInASchemaIsValidAgainstIt() throws IOException {
        List<String> faults = new ArrayList<>();
        for (String file : schemaFiles()) {
            for (JsonNode example : schemaJson(file).path("examples")) {
                validate(file, example).forEach(m -> faults.add(file + ": " + m));
            }
        }
        assertEquals(List.of(), faults);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recordSerialisesToJsonItsSchemaAccepts(String file, Object sample) {
        JsonNode json = MAPPER.valueToTree(sample);
        assertEquals(Set.of(), validate(file, json), () -> file + " rejects " + json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void fullyPopulatedRecordWritesExactlyTheSchemaProperties(String file, Object sample) throws IOException {
        Set<String> written = new TreeSet<>();
        MAPPER.valueToTree(sample).fieldNames().forEachRemaining(written::add);
        Set<String> declared = new TreeSet<>();
        schemaJson(file).path("properties").fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, written, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void recordReadsBackFromItsOwnJson(String file, Object sample) throws IOException {
        String json = MAPPER.writeValueAsString(sample);
        assertEquals(sample, MAPPER.readValue(json, sample.getClass()), file);
    }

    @Test
    void fullyPopulatedJwkWritesExactlyTheKeyPropertiesOfTheSchema() throws IOException {
        Set<String> written = new TreeSet<>();
        MAPPER.valueToTree(Samples.jwk()).fieldNames().forEachRemaining(written::add);
        Set<String> declared = new TreeSet<>();
        schemaJson("jwks.json").at("/properties/keys/items/properties").fieldNames().forEachRemaining(declared::add);
        assertEquals(declared, written);
    }

    @Test
    void manifestWithABareHexDigestIsRefusedByRecordAndSchema() throws IOException {
        JsonNode bare = MAPPER.valueToTree(Samples.manifest());
        ((com.fasterxml.jackson.databind.node.ObjectNode) bare).put("digest", Samples.HEX);

        assertFalse(validate("batch-manifest.json", bare).isEmpty());
        assertThrows(IOException.class, () -> MAPPER.treeToValue(bare, BatchManifest.class));
    }

    @Test
    void wireAlgorithmsAreExactlyTheSignatureProfiles() throws IOException {
        List<String> wire = new ArrayList<>();
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            assertEquals(a.name(), a.profile().joseName());
            assertEquals(a, SignatureAlgorithm.of(a.profile()));
            wire.add(a.name());
        }
        assertEquals(SignatureProfile.values().length, wire.size());
        for (String file : List.of("key-rotation-request.json", "key-rotation-result.json",
                "batch-provenance.json")) {
            List<String> declared = new ArrayList<>();
            schemaJson(file).at("/properties/alg/enum").forEach(n -> declared.add(n.asText()));
            assertEquals(wire, declared, file);
        }
        List<String> jwkAlgs = new ArrayList<>();
        schemaJson("jwks.json").at("/properties/keys/items/properties/alg/enum").forEach(n -> jwkAlgs.add(n.asText()));
        assertEquals(wire, jwkAlgs, "jwks.json");
    }

    @Test
    void onlyANodeThatSaysItIsDevelopmentMayPublishPlainHttpUrls() throws IOException {
        String config = """
                {"entityId":"ymt:hub:dev","kind":"HUB","endpoints":{"verifications":"http://localhost:8080/v1/verifications"},
                 "jwks_uri":"http://localhost:8080/v1/jwks","algorithms":["SM2"]%s}""";

        assertEquals(Set.of(), validate("entity-configuration.json",
                MAPPER.readTree(config.formatted(",\"deployment\":\"development\""))));
        assertEquals(2, validate("entity-configuration.json", MAPPER.readTree(config.formatted(""))).size());
        assertEquals(2, validate("entity-configuration.json",
                MAPPER.readTree(config.formatted(",\"deployment\":\"production\""))).size());
        assertFalse(validate("entity-configuration.json",
                MAPPER.readTree(config.formatted(",\"deployment\":\"staging\""))).isEmpty());
    }

    @Test
    void inactiveIntrospectionIsOnlyActiveFalse() throws IOException {
        assertEquals("{\"active\":false}", MAPPER.writeValueAsString(IntrospectionResponse.inactive()));
        JsonNode leaky = MAPPER.readTree("{\"active\":false,\"sub\":\"b7c1\"}");
        assertFalse(validate("introspection-response.json", leaky).isEmpty());
    }

    @Test
    void introspectionAudienceMayBeASingleString() throws IOException {
        IntrospectionResponse r = MAPPER.readValue("{\"active\":true,\"aud\":\"dept-1\"}",
                IntrospectionResponse.class);
        assertEquals(List.of("dept-1"), r.aud());
    }

    @Test
    void removedChangeCarriesNoEntryFields() throws IOException {
        JsonNode removedWithColour = MAPPER.readTree("{\"seq\":5,\"op\":\"REMOVED\",\"sub\":\"" + Samples.SUB
                + "\",\"rgn\":\"310104\",\"col\":\"RED\",\"member\":\"ymt:member:310000\",\"batchTag\":\"b1\","
                + "\"recordedAt\":\"2026-11-27T08:15:30Z\"}");
        assertFalse(validate("list-change.json", removedWithColour).isEmpty());
    }

    @Test
    void freeTextWithAnIdNumberIsRefusedBySchemas() throws IOException {
        JsonNode appeal = MAPPER.readTree("{\"sub\":\"" + Samples.SUB + "\",\"rgn\":\"310104\",\"ground\":\"OTHER\","
                + "\"statement\":\"my number is 31010119900307123X\"}");
        Set<ValidationMessage> errors = validate("appeal-request.json", appeal);
        assertTrue(errors.stream().anyMatch(m -> m.getInstanceLocation().toString().contains("statement")),
                errors::toString);
    }

    @Test
    void noSchemaHasAFieldForAnIdNumberAPersonsNameOrAPhone() throws IOException {
        java.util.regex.Pattern forbidden = java.util.regex.Pattern
                .compile("(?i).*(idnumber|id_number|idcard|identity|^name$|fullname|realname|phone|mobile).*");
        List<String> faults = new ArrayList<>();
        for (String file : schemaFiles()) {
            OpenApiDocumentTest.collectPropertyNames(schemaJson(file), name -> {
                if (forbidden.matcher(name).matches()) {
                    faults.add(file + ": " + name);
                }
            });
        }
        assertEquals(List.of(), faults);
    }

    @Test
    void samplesCoverEveryRecordOfThePayloadPackage() {
        Map<String, Object> all = Samples.all();
        Set<String> covered = new TreeSet<>();
        all.values().forEach(v -> covered.add(v.getClass().getSimpleName()));
        assertTrue(covered.containsAll(Set.of("VerificationRequest", "VerificationResult", "GreenLookupRequest",
                "GreenLookupResult", "Problem", "EntityConfiguration", "MemberRecord", "MemberPublicView",
                "BatchReceipt", "BatchProgress", "BatchProvenance", "ListChange", "ChangesPage", "ListKey",
                "Subscription", "AuditEvent", "Appeal", "AppealRequest", "AppealDecision", "IntrospectionResponse",
                "TokenResponse", "RevocationRequest", "OperatorBinding", "AdapterSettings", "TrustMark",
                "ConformanceReport", "VenueScanRequest", "VenueScanAnswer", "VenueScanRecord")), covered::toString);
    }
}

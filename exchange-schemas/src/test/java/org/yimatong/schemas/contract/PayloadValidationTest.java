package org.yimatong.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.CodePolicy;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.SubscriptionRequest;
import org.yimatong.schemas.payload.TokenExchangeRequest;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VenueScanRequest;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request validators report every fault at once, and agree with the JSON Schemas. */
class PayloadValidationTest {

    static final ObjectMapper MAPPER = PayloadJson.mapper();

    static Set<String> pointers(List<FieldError> errors) {
        Set<String> out = new TreeSet<>();
        errors.forEach(e -> out.add(e.pointer()));
        return out;
    }

    @Test
    void verificationRequestWithThreeBadFieldsReportsAllThree() {
        VerificationRequest request = new VerificationRequest(Samples.JWS,
                new VerificationRequest.Checkpoint("gate 7", "3101", "TRANSPORT"), "Travel!");

        List<FieldError> errors = request.validate();

        assertEquals(Set.of("/checkpoint/id", "/checkpoint/region", "/purpose"), pointers(errors));
        assertEquals(3, errors.size());
    }

    @Test
    void requireValidThrowsOneValidationProblemCarryingEveryFieldError() {
        VerificationRequest request = new VerificationRequest(null, new VerificationRequest.Checkpoint("gate-7",
                "31010", null), "travel");

        ProblemException e = assertThrows(ProblemException.class, () -> Validation.requireValid(request));

        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals(Set.of("/code", "/checkpoint/region", "/checkpoint/kind"), pointers(e.errors()));
        assertEquals("3 fields are invalid", e.getMessage());
    }

    @Test
    void requireValidReturnsAValidPayloadUnchanged() {
        VerificationRequest request = Samples.verificationRequest();
        assertSame(request, Validation.requireValid(request));
    }

    @Test
    void missingBodyIsOneErrorAtTheRoot() {
        ProblemException e = assertThrows(ProblemException.class, () -> Validation.requireValid(null));
        assertEquals(List.of(""), e.errors().stream().map(FieldError::pointer).toList());
    }

    @Test
    void missingCheckpointIsReportedOnceNotPerField() {
        List<FieldError> errors = new VerificationRequest(Samples.JWS, null, "travel").validate();
        assertEquals(List.of(new FieldError("/checkpoint", "is required")), errors);
    }

    @Test
    void aFieldIsReportedOnceEvenWhenSeveralChecksFail() {
        List<FieldError> errors = new AppealRequest(Samples.SUB, "310104", AppealGround.OTHER, "", null).validate();
        assertEquals(List.of(new FieldError("/statement", "is required")), errors);
    }

    @Test
    void memberRecordPointsIntoListElements() {
        MemberRecord m = Samples.memberRecord();
        MemberRecord bad = new MemberRecord(m.entityId(), m.displayName(), m.kind(), List.of("31", "3", "310"),
                m.parent(), URI.create("http://insecure.example"),
                List.of(URI.create("https://standby.example"), URI.create("https://standby.example")), m.dialect(), m
                        .tlsCertSha256().toUpperCase(),
                m.jwks(), m.jwksUri(), m.status(), null, null, null);
        assertEquals(Set.of("/regionPrefixes/1", "/regionPrefixes/2", "/baseUrl", "/baseUrls", "/tlsCertSha256"),
                pointers(bad.validate()));
    }

    @Test
    void codePolicyOutsideOneSecondToADayIsRefusedAtItsPointer() {
        MemberRecord m = Samples.memberRecord();

        assertEquals(Set.of("/codePolicy/maxLifetimeSeconds"),
                pointers(m.withCodePolicy(new CodePolicy(0L)).validate()));
        assertEquals(Set.of("/codePolicy/maxLifetimeSeconds"),
                pointers(m.withCodePolicy(new CodePolicy(86_401L)).validate()));
        assertEquals(Set.of("/codePolicy/maxLifetimeSeconds"),
                pointers(m.withCodePolicy(new CodePolicy(null)).validate()));
        assertEquals(List.of(), m.withCodePolicy(new CodePolicy(1L)).validate());
        assertEquals(List.of(), m.withCodePolicy(CodePolicy.of(Duration.ofHours(24))).validate());
    }

    @Test
    void memberWithoutACodePolicyIssuesOneMinuteCodesAndWritesNoPolicy() throws IOException {
        MemberRecord without = Samples.memberRecord().withCodePolicy(null);

        assertEquals(Duration.ofSeconds(60), CodePolicy.maxLifetimeOf(without.codePolicy()));
        assertFalse(MAPPER.valueToTree(without).has("codePolicy"));
        assertFalse(MAPPER.valueToTree(without.publicView()).has("codePolicy"));
    }

    @Test
    void codePolicyTravelsAsWholeSecondsInTheRecordAndItsPublicView() throws IOException {
        MemberRecord gansu = Samples.memberRecord().withCodePolicy(CodePolicy.of(Duration.ofHours(24)));

        assertEquals("{\"maxLifetimeSeconds\":86400}", MAPPER.valueToTree(gansu).get("codePolicy").toString());
        assertEquals("{\"maxLifetimeSeconds\":86400}",
                MAPPER.valueToTree(gansu.publicView()).get("codePolicy").toString());
        assertEquals(Duration.ofHours(24), CodePolicy.maxLifetimeOf(
                MAPPER.readValue(MAPPER.writeValueAsString(gansu), MemberRecord.class).codePolicy()));
    }

    @Test
    void schemaAndValidatorAgreeOnTheBoundsOfACodePolicy() {
        for (long seconds : new long[]{ 0, 1, 86_400, 86_401 }) {
            MemberRecord m = Samples.memberRecord().withCodePolicy(new CodePolicy(seconds));
            boolean schemaAccepts = PayloadSchemaContractTest.validate("member.json", MAPPER.valueToTree(m))
                    .isEmpty();
            assertEquals(schemaAccepts, m.validate().isEmpty(), seconds + " s");
            assertEquals(seconds >= 1 && seconds <= 86_400, schemaAccepts, seconds + " s");
        }
    }

    @Test
    void venueScanRequestReportsEveryBadField() {
        VenueScanRequest request = new VenueScanRequest("not a venue code at all", Samples.SUB.toUpperCase(), null,
                null);

        assertEquals(Set.of("/venueCode", "/subject", "/at", "/direction"), pointers(request.validate()));
    }

    @Test
    void venueScanRecordReportsEveryBadField() {
        VenueScanRecord record = new VenueScanRecord("scan 1", "west gate", "310101199003071234", Samples.T,
                ScanDirection.ENTRY, "ymt:platform:310000");

        assertEquals(Set.of("/scanId", "/vid", "/subject", "/reportedBy"), pointers(record.validate()));
    }

    @Test
    void aNotDependantAnswerHasOneSpellingAbsent() throws IOException {
        VerificationResult own = new VerificationResult(VerificationStatus.GREEN, Samples.SH, AnswerSource.LIVE,
                Samples.T, Samples.T.plusSeconds(60), null, Samples.SUB, false);
        VerificationResult relative = own.asDependant(true);

        assertFalse(MAPPER.valueToTree(own).has("dependant"));
        assertEquals(own, new VerificationResult(VerificationStatus.GREEN, Samples.SH, AnswerSource.LIVE,
                Samples.T, Samples.T.plusSeconds(60), null, Samples.SUB));
        assertTrue(MAPPER.valueToTree(relative).get("dependant").booleanValue());
        assertEquals(Boolean.TRUE, relative.withoutListSub().dependant(), "dropping listSub keeps dependant");
        assertFalse(PayloadSchemaContractTest.validate("verification-result.json",
                MAPPER.readTree("{\"status\":\"GREEN\",\"home\":\"ymt:member:310000\",\"source\":\"LIVE\","
                        + "\"checkedAt\":\"2026-11-27T08:15:30Z\",\"validUntil\":\"2026-11-27T08:16:30Z\","
                        + "\"dependant\":false}")).isEmpty());
    }

    @Test
    void appealStatementWithAnIdNumberIsRefused() {
        AppealRequest request = new AppealRequest(Samples.SUB, "310104", AppealGround.OTHER,
                "身份证 31010119900307123X 被误列", null);
        assertEquals(Set.of("/statement"), pointers(request.validate()));
    }

    @Test
    void tokenExchangeRejectsAnActorTypeWithoutActorAndAWrongAssertionType() {
        TokenExchangeRequest r = new TokenExchangeRequest(TokenExchangeRequest.GRANT_TYPE, Samples.JWS,
                TokenExchangeRequest.ID_TOKEN, null, TokenExchangeRequest.ID_TOKEN, null, "dept-1", null,
                "urn:ymt:loa:super", null, "password", Samples.JWS);
        assertEquals(Set.of("/actor_token_type", "/acr_values", "/client_assertion_type"), pointers(r.validate()));
    }

    // ------------------------------------------------------------ validators and schemas agree

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("verification-request.json", VerificationRequest.class,
                        "{\"code\":\"short\",\"checkpoint\":{\"id\":\"g\",\"region\":\"310112\",\"kind\":\"VENUE\"},\"purpose\":\"entry\"}"),
                Arguments.of("verification-request.json", VerificationRequest.class,
                        "{\"code\":\"" + Samples.JWS
                                + "\",\"checkpoint\":{\"id\":\"g\",\"region\":\"310112\",\"kind\":\"venue\"},\"purpose\":\"entry\"}"),
                Arguments.of("green-lookup-request.json", GreenLookupRequest.class,
                        "{\"sub\":\"" + Samples.SUB.toUpperCase() + "\",\"rgn\":\"310000\"}"),
                Arguments.of("green-lookup-request.json", GreenLookupRequest.class,
                        "{\"sub\":\"310101199003071234\",\"rgn\":\"310000\"}"),
                Arguments.of("appeal-request.json", AppealRequest.class,
                        "{\"sub\":\"" + Samples.SUB + "\",\"rgn\":\"310104\",\"ground\":\"OTHER\",\"statement\":\"\"}"),
                Arguments.of("subscription-request.json", SubscriptionRequest.class,
                        "{\"callbackUrl\":\"http://plain.example/cb\"}"),
                Arguments.of("operator-binding.json", OperatorBinding.class,
                        "{\"legalPersonId\":\"91310000MA1FL8XQ3I\",\"requiredAcr\":\"urn:ymt:loa:high\"}"),
                Arguments.of("venue-scan-request.json", VenueScanRequest.class,
                        "{\"venueCode\":\"" + Samples.JWS + "\",\"subject\":\"310101199003071234\","
                                + "\"at\":\"2026-11-27T08:15:30Z\",\"direction\":\"ENTRY\"}"),
                Arguments.of("venue-scan-request.json", VenueScanRequest.class,
                        "{\"venueCode\":\"" + Samples.JWS.replace('.', '~') + "\",\"subject\":\"" + Samples.SUB
                                + "\",\"at\":\"2026-11-27T08:15:30Z\",\"direction\":\"EXIT\"}"),
                Arguments.of("venue-scan-record.json", VenueScanRecord.class,
                        "{\"scanId\":\"vs-1\",\"vid\":\"gate-1\",\"subject\":\"" + Samples.SUB
                                + "\",\"at\":\"2026-11-27T08:15:30Z\",\"direction\":\"ENTRY\"}"),
                Arguments.of("token-request.json", TokenExchangeRequest.class,
                        "{\"grant_type\":\"client_credentials\",\"subject_token\":\"" + Samples.JWS
                                + "\",\"subject_token_type\":\"urn:ietf:params:oauth:token-type:id_token\",\"audience\":\"dept-1\"}"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidRequests")
    void validatorAndSchemaBothRefuse(String schema, Class<? extends Validatable> type, String body)
            throws IOException {
        JsonNode json = MAPPER.readTree(body);
        assertFalse(PayloadSchemaContractTest.validate(schema, json).isEmpty(), "schema accepts " + body);
        assertFalse(MAPPER.treeToValue(json, type).validate().isEmpty(), "validator accepts " + body);
    }

    @Test
    void everyValidatableSampleIsValid() {
        Samples.all().forEach((file, sample) -> {
            if (sample instanceof Validatable v) {
                assertEquals(List.of(), v.validate(), file);
            }
        });
    }

    @Test
    void patternsAreTheSchemasPatterns() throws IOException {
        assertPattern("verification-request.json", "/properties/checkpoint/properties/region/pattern",
                Patterns.REGION_CODE.pattern());
        assertPattern("verification-result.json", "/properties/home/pattern", Patterns.ENTITY_ID.pattern());
        assertPattern("green-lookup-request.json", "/properties/sub/pattern", Patterns.SUBJECT_ID.pattern());
        assertPattern("member.json", "/properties/regionPrefixes/items/pattern", Patterns.REGION_PREFIX.pattern());
        assertPattern("verification-request.json", "/properties/purpose/pattern", Patterns.PURPOSE.pattern());
        assertPattern("batch-manifest.json", "/properties/batchTag/pattern", Patterns.BATCH_TAG.pattern());
        assertPattern("batch-manifest.json", "/properties/member/pattern", Patterns.ENTITY_ID.pattern());
        assertPattern("batch-manifest.json", "/properties/digest/pattern", BatchDigest.FORMAT.pattern());
        assertPattern("operator-binding.json", "/properties/legalPersonId/pattern",
                Patterns.LEGAL_PERSON_ID.pattern());
        assertPattern("appeal-request.json", "/properties/statement/not/pattern", Patterns.ID_NUMBER_LIKE.pattern());
        assertPattern("list-changes-page.json", "/properties/next/pattern", Patterns.CURSOR.pattern());
        assertPattern("venue-scan-request.json", "/properties/venueCode/pattern", Patterns.COMPACT_JWS.pattern());
        assertPattern("venue-scan-request.json", "/properties/subject/pattern", Patterns.SUBJECT_ID.pattern());
        assertPattern("venue-scan-record.json", "/properties/scanId/pattern", Patterns.RESOURCE_ID.pattern());
        assertPattern("venue-scan-record.json", "/properties/vid/pattern", VenueClaims.VENUE_ID.pattern());
        assertPattern("venue-scan-record.json", "/properties/reportedBy/pattern", Patterns.ENTITY_ID.pattern());
        assertPattern("venue-scan-answer.json", "/properties/venue/properties/vid/pattern",
                VenueClaims.VENUE_ID.pattern());
        assertPattern("venue-scan-answer.json", "/properties/venue/properties/nam/not/pattern",
                Patterns.ID_NUMBER_LIKE.pattern());
    }

    private static void assertPattern(String file, String pointer, String expected) throws IOException {
        JsonNode node = PayloadSchemaContractTest.schemaJson(file).at(pointer);
        assertTrue(node.isTextual(), file + pointer);
        assertEquals(expected, node.asText(), file + pointer);
    }
}

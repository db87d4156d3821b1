package org.yimatong.adapters.soapmd5;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.ListKeySource;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

class SoapMd5AdapterTest extends MemberAdapterContractTest {

    static final String APP_ID = "ymt-hub";
    /** MD5("ymt-hub" + "QueryCodeStatus" + "20261127"), computed with md5sum. */
    static final String VERIFY_PWD_20261127 = "66e0d1215274c483f2a0f23eb72fc667";
    static final VerificationRequest REQUEST = new VerificationRequest("SS440000QR00000001",
            new VerificationRequest.Checkpoint("gate-7", "440106", "STATION"), "station-entry");

    @Override
    protected String member() {
        return "ymt:member:440000";
    }

    @Override
    protected String region() {
        return "440000";
    }

    @Override
    protected String dialect() {
        return "soap-md5";
    }

    @Override
    protected Credentials credentials() {
        return new Credentials(APP_ID, "");
    }

    private void answer(String fixture) {
        platform.stubFor(post(urlEqualTo("/services/HealthCodeService"))
                .withHeader("SOAPAction", containing("Invoke"))
                .withRequestBody(containing("<hc:appId>" + APP_ID + "</hc:appId>"))
                .withRequestBody(containing("<hc:pwd>" + VERIFY_PWD_20261127 + "</hc:pwd>"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(fixture("soap-md5/" + fixture))));
    }

    @Override
    protected void stubColour(Colour colour) {
        answer("answer-" + colour.name().toLowerCase() + ".xml");
    }

    @Override
    protected void stubMalformed() {
        answer("answer-not-xml.html");
    }

    @Override
    protected void stubCredentialsRefused() {
        platform.stubFor(post(urlEqualTo("/services/HealthCodeService"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("soap-md5/answer-auth-failed.xml"))));
    }

    @Override
    protected void stubSlow(Duration delay) {
        platform.stubFor(post(urlEqualTo("/services/HealthCodeService"))
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) delay.toMillis())
                        .withBody(fixture("soap-md5/answer-green.xml"))));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.verify(REQUEST, Forwarding.FIRST_HOP).thenApply(VerificationResult::status);
    }

    @Test
    void requestIsTheGoldenInvokeEnvelope() {
        stubColour(Colour.GREEN);

        await(ask(adapter(endpoint())));

        platform.verify(postRequestedFor(urlEqualTo("/services/HealthCodeService"))
                .withHeader("Content-Type", containing("text/xml"))
                .withRequestBody(equalTo(fixtureText("soap-md5/request-verify.xml"))));
    }

    /** A verification asking for every attestation and a rule on them: this dialect has none to give. */
    static final VerificationRequest ASKING_FOR_ATTESTATIONS = new VerificationRequest(REQUEST.code(),
            REQUEST.checkpoint(), "hospital-visit", List.of("naat", "vaccination", "serviceLinks"),
            new CheckpointRules(48, 1), 1, null);

    @Test
    void askingForAttestationsChangesNothingOnTheWireAndAnswersNone() {
        stubColour(Colour.GREEN);

        VerificationResult result = await(adapter(endpoint()).verify(ASKING_FOR_ATTESTATIONS, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.GREEN, result.status());
        assertNull(result.attestations());
        platform.verify(postRequestedFor(urlEqualTo("/services/HealthCodeService"))
                .withRequestBody(equalTo(fixtureText("soap-md5/request-verify.xml"))));
    }

    @Test
    void greenAnswerIsLiveFromTheMemberWithTheConfiguredValidity() {
        stubColour(Colour.GREEN);

        VerificationResult result = await(adapter(endpoint().withOption("answer-validity-seconds", "30"))
                .verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(new VerificationResult(VerificationStatus.GREEN, member(), AnswerSource.LIVE, NOW,
                NOW.plusSeconds(30), null), result);
    }

    @Test
    void passwordTakesTheDateInChinaNotInUtc() {
        // 2026-11-27T17:00Z is already 2026-11-28 in Shanghai
        java.time.Clock lateEvening = java.time.Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);

        assertEquals(SoapMd5Password.of(APP_ID, "QueryCodeStatus", LocalDate.of(2026, 11, 28)),
                SoapMd5Password.of(APP_ID, "QueryCodeStatus", lateEvening));
        assertEquals(VERIFY_PWD_20261127, SoapMd5Password.of(APP_ID, "QueryCodeStatus", CLOCK));
    }

    @Test
    void revokedCodeIsUnknownWithReasonRevokedNeverItsColour() {
        answer("answer-revoked.xml");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.REVOKED, result.reason());
    }

    @Test
    void unknownCodeIsNotFoundAtHome() {
        answer("answer-not-found.xml");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
    }

    @Test
    void unknownCodeStatusIsABadAnswer() {
        answer("answer-unknown-status.xml");

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void greenWithAContactReasonIsABadAnswer() {
        answer("answer-contradiction.xml");

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void answerWithADoctypeIsRefusedWithoutResolvingEntities() {
        answer("answer-xxe.xml");

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertFalse(problem.getMessage().contains("root:"), problem.getMessage());
    }

    @Test
    void appealIsAcknowledgedWithTheMembersAppealNumber() {
        platform.stubFor(post(urlEqualTo("/services/HealthCodeService"))
                .withRequestBody(containing("<hc:method>SubmitAppeal</hc:method>"))
                .withRequestBody(containing("<hc:pwd>" + SoapMd5Password.of(APP_ID, "SubmitAppeal", CLOCK)))
                .willReturn(aResponse().withStatus(200).withBody(fixture("soap-md5/answer-appeal.xml"))));
        AppealRequest appeal = new AppealRequest("a".repeat(64), "440106", AppealGround.WRONG_LISTING,
                "Never at the venue <on that day> & can prove it", null);

        AppealAcknowledgement ack = await(adapter(endpoint()).submitAppeal("apl-1", appeal, Forwarding.FIRST_HOP));

        assertEquals(new AppealAcknowledgement("SS-2026-000123", NOW), ack);
        platform.verify(postRequestedFor(urlEqualTo("/services/HealthCodeService"))
                .withRequestBody(containing("&amp;lt;on that day&amp;gt; &amp;amp; can prove it")));
    }

    // ---- listSub from the holder's ID number (REQ-VER-5)

    /** A valid resident ID number (GB 11643 example) and its pseudonym under {@link #LIST_KEY}. */
    static final String HOLDER_ID = "11010519491231002X";
    /** The list key 00 01 02 .. 1f. */
    static final byte[] LIST_KEY = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    /** printf 11010519491231002X | openssl dgst -sm3 -mac HMAC -macopt hexkey:000102...1f (OpenSSL 3). */
    static final String HOLDER_LIST_SUB = "b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5";

    private MemberAdapter adapterWithListKeys(ListKeySource keys) {
        return adapterWith(endpoint(), keys);
    }

    private MemberAdapter adapterWith(MemberEndpoint endpoint, ListKeySource keys) {
        return StandardAdapters.registry().adapterFor(endpoint, context().withListKeys(keys));
    }

    /** Every form of the holder's number that must not leave the adapter. */
    private static void assertNoIdNumberIn(String text) {
        for (String part : new String[]{ HOLDER_ID, HOLDER_ID.toLowerCase(), HOLDER_ID.substring(0, 17), "19491231",
                "110105********002X" }) {
            assertFalse(text.contains(part), "carries " + part + ": " + text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "answer-red-with-id.xml", "answer-green-with-lowercase-id.xml" })
    void idNumberInTheAnswerBecomesTheHoldersListPseudonymAndIsDropped(String fixture) throws Exception {
        answer(fixture);

        VerificationResult result = await(adapterWithListKeys(ListKeySource.fixed(LIST_KEY))
                .verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(HOLDER_LIST_SUB, result.listSub());
        assertEquals(ResidentIdNumber.parse(HOLDER_ID).pseudonym(LIST_KEY), result.listSub());
        assertEquals(AnswerSource.LIVE, result.source());
        assertNoIdNumberIn(PayloadJson.mapper().writeValueAsString(result) + result);
    }

    @Test
    void adapterKeepsNothingOfAnAnswer() {
        assertEquals(List.of(MemberEndpoint.class, AdapterContext.class),
                Arrays.stream(SoapMd5Adapter.class.getDeclaredFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getType).toList());
    }

    @Test
    void answerWithoutAnIdNumberHasNoListSub() {
        stubColour(Colour.RED);

        VerificationResult result = await(adapterWithListKeys(ListKeySource.fixed(LIST_KEY))
                .verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.RED, result.status());
        assertNull(result.listSub());
    }

    @Test
    void invalidIdNumberGivesNoListSubAndIsNotQuoted() throws Exception {
        answer("answer-red-with-bad-id.xml");

        VerificationResult result = await(adapterWithListKeys(ListKeySource.fixed(LIST_KEY))
                .verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.RED, result.status());
        assertNull(result.listSub());
        assertFalse((PayloadJson.mapper().writeValueAsString(result) + result).contains("11010519491231"));
    }

    @Test
    void withoutAListKeyTheAnswerHasNoListSubButIsStillAnswered() {
        answer("answer-red-with-id.xml");

        VerificationResult unwired = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));
        VerificationResult failing = await(adapterWithListKeys(() -> CompletableFuture.failedFuture(
                new IllegalStateException("hub has no key"))).verify(REQUEST, Forwarding.FIRST_HOP));
        VerificationResult throwing = await(adapterWithListKeys(() -> {
            throw new IllegalStateException("hub has no key");
        }).verify(REQUEST, Forwarding.FIRST_HOP));

        for (VerificationResult result : List.of(unwired, failing, throwing)) {
            assertEquals(VerificationStatus.RED, result.status());
            assertNull(result.listSub());
        }
    }

    @Test
    void aListKeySourceThatNeverAnswersDoesNotHoldTheAnswerBeyondTheTimeout() {
        answer("answer-red-with-id.xml");
        MemberAdapter adapter = adapterWith(endpoint().withTimeout(Duration.ofMillis(400)),
                CompletableFuture::new);

        long start = System.nanoTime();
        VerificationResult result = await(adapter.verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.RED, result.status());
        assertNull(result.listSub());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "answer-unknown-status-with-id.xml", "answer-contradiction-with-id.xml" })
    void badAnswerWithAnIdNumberDoesNotQuoteIt(String fixture) {
        answer(fixture);

        MemberProblem problem = failure(adapterWithListKeys(ListKeySource.fixed(LIST_KEY))
                .verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertNoIdNumberIn(problem.getMessage() + problem.errors() + problem);
    }

    @Test
    void verifyResultCarriesNoNativeText() {
        stubColour(Colour.YELLOW);

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertNull(result.reason());
        assertFalse(result.toString().contains("成功"));
    }

    // ---- the platform's own code strings (REQ-CODE-2)

    /** A checkpoint's request for a native string: the native check sends the string alone, never the rest. */
    private static VerificationRequest nativeRequest(String code) {
        return new VerificationRequest(code, REQUEST.checkpoint(), REQUEST.purpose());
    }

    @Test
    void nativeCodeIsCheckedLiveAsAQrCodeWithoutACheckpoint() {
        answer("answer-red-with-id.xml");

        VerificationResult result = await(adapterWithListKeys(ListKeySource.fixed(LIST_KEY))
                .verifyNative(nativeRequest(SoapMd5NativeCodeTest.CODE), Forwarding.FIRST_HOP));

        assertEquals(new VerificationResult(VerificationStatus.RED, member(), AnswerSource.LIVE, NOW,
                NOW.plusSeconds(60), null, HOLDER_LIST_SUB), result);
        platform.verify(postRequestedFor(urlEqualTo("/services/HealthCodeService"))
                .withRequestBody(equalTo(fixtureText("soap-md5/request-verify-native.xml"))));
    }

    @Test
    void nativeCodeThePlatformDoesNotKnowIsUnknownNotFoundAtHome() {
        answer("answer-not-found.xml");

        VerificationResult result = await(adapter(endpoint()).verifyNative(nativeRequest(SoapMd5NativeCodeTest.CODE),
                Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
        assertEquals(AnswerSource.LIVE, result.source());
    }

    @Test
    void revokedNativeCodeIsUnknownRevoked() {
        answer("answer-revoked.xml");

        VerificationResult result = await(adapter(endpoint()).verifyNative(nativeRequest(SoapMd5NativeCodeTest.CODE),
                Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.REVOKED, result.reason());
    }

    @Test
    void nativeAnswerOutsideTheDialectIsABadAnswerNeverAColour() {
        answer("answer-contradiction.xml");

        MemberProblem problem = failure(adapter(endpoint()).verifyNative(nativeRequest(SoapMd5NativeCodeTest.CODE),
                Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = { "JKM1:440000:48120937561029384757:02B2", "SS440000QR00000001", "" })
    void aStringThatIsNoNativeCodeIsRefusedWithoutAskingThePlatform(String code) {
        stubColour(Colour.GREEN);

        MemberProblem problem = failure(adapter(endpoint()).verifyNative(nativeRequest(code), Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(ProblemType.NOT_FOUND, problem.type());
        assertEquals(0, platform.getAllServeEvents().size());
    }

    @Test
    void theFactoryOffersTheRecogniserOfThePrintedCodes() {
        assertEquals(SoapMd5NativeCode.RECOGNISER, new SoapMd5AdapterFactory().nativeCodes().orElseThrow());
    }
}

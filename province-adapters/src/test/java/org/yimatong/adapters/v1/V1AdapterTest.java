package org.yimatong.adapters.v1;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

class V1AdapterTest extends MemberAdapterContractTest {

    static final VerificationRequest REQUEST = new VerificationRequest("eyJ0eXAiOiJ5bXQtY29kZStqd3QifQ.e30.c2ln",
            new VerificationRequest.Checkpoint("gate-7", "620102", "STATION"), "station-entry");
    static final Forwarding FORWARDING = new Forwarding(6, List.of("ymt:member:620000", "ymt:hub:national"));
    static final String ASSERTION = "hub-client-assertion";

    @Override
    protected String member() {
        return "ymt:member:310000";
    }

    @Override
    protected String region() {
        return "310000";
    }

    @Override
    protected String dialect() {
        return "v1";
    }

    @Override
    protected Credentials credentials() {
        return Credentials.NONE;
    }

    /** The hub authenticates with a client assertion; a wrong one is what "wrong credentials" means for v1. */
    @Override
    protected AdapterContext context() {
        return super.context().withCallerHeaders(endpoint -> Map.of("Ymt-Client-Assertion",
                endpoint.credentials().id().isEmpty() ? ASSERTION : "stale-assertion"));
    }

    private void answer(int status, String fixture) {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications"))
                .withHeader("Ymt-Client-Assertion", equalTo(ASSERTION))
                .withRequestBody(equalToJson(fixtureText("v1/request-verify.json")))
                .willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", status == 200 ? "application/json" : "application/problem+json")
                        .withBody(fixture("v1/" + fixture))));
    }

    @Override
    protected void stubColour(Colour colour) {
        answer(200, "verification-" + colour.name().toLowerCase() + ".json");
    }

    @Override
    protected void stubMalformed() {
        answer(200, "verification-without-validity.json");
    }

    @Override
    protected void stubCredentialsRefused() {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody(fixture("v1/problem-unauthenticated.json"))));
    }

    @Override
    protected Credentials wrongCredentials() {
        return new Credentials("stale", "");
    }

    @Override
    protected void stubSlow(Duration delay) {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications"))
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) delay.toMillis())
                        .withBody(fixture("v1/verification-green.json"))));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.verify(REQUEST, FORWARDING).thenApply(VerificationResult::status);
    }

    @Test
    void answerPassesThroughUnchanged() {
        stubColour(Colour.YELLOW);

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(new VerificationResult(VerificationStatus.YELLOW, "ymt:member:310000", AnswerSource.LIVE,
                Instant.parse("2026-11-27T08:15:30Z"), Instant.parse("2026-11-27T08:16:30Z"), null), result);
    }

    /** A hospital's verification asking to see the test, with its rules and its operator's session. */
    static final VerificationRequest ASKING_FOR_THE_TEST = new VerificationRequest(REQUEST.code(),
            REQUEST.checkpoint(), "hospital-visit", List.of("naat"), new CheckpointRules(48, null), 1,
            "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");

    private void answerDisclosing(String fixture) {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications"))
                .withRequestBody(equalToJson(fixtureText("v1/request-verify-disclose.json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("v1/" + fixture))));
    }

    @Test
    void discloseGoesToTheMemberButRulesAndTheOperatorsSessionDoNot() {
        answerDisclosing("verification-green.json");

        await(adapter(endpoint()).verify(ASKING_FOR_THE_TEST, FORWARDING));

        // equalToJson: exactly the golden body, so no requires and no operatorToken
        platform.verify(1, postRequestedFor(urlEqualTo("/member/v1/verifications"))
                .withRequestBody(equalToJson(fixtureText("v1/request-verify-disclose.json"))));
    }

    @Test
    void attestationAskedForIsPassedOnAndWhatWasNotAskedIsDropped() {
        answerDisclosing("verification-with-attestations.json");

        VerificationResult result = await(adapter(endpoint()).verify(ASKING_FOR_THE_TEST, FORWARDING));

        assertEquals(new Attestations(new Attestations.Naat(Attestations.NaatResult.NEGATIVE,
                Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T21:00:00Z"), "310104"), null, null),
                result.attestations());
        assertEquals(VerificationStatus.GREEN, result.status());
    }

    @Test
    void attestationsNobodyAskedForAreNeverPassedOn() {
        answer(200, "verification-with-attestations.json");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertNull(result.attestations());
        assertEquals(VerificationStatus.GREEN, result.status());
    }

    @Test
    void everyAttestationAskedForIsPassedOnAsTheMemberGaveIt() {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(fixture("v1/verification-with-attestations.json"))));
        VerificationRequest askingAll = new VerificationRequest(REQUEST.code(), REQUEST.checkpoint(),
                "hospital-visit", List.of("naat", "vaccination", "serviceLinks"), null, null, null);

        Attestations shown = await(adapter(endpoint()).verify(askingAll, FORWARDING)).attestations();

        assertEquals(3, shown.present().size());
        assertEquals(new Attestations.Vaccination(3, LocalDate.parse("2026-03-02")), shown.vaccination());
        assertEquals(new Attestations.ServiceLinks(true, false), shown.serviceLinks());
    }

    @Test
    void attestationsOutsideTheContractAreABadAnswer() {
        answerDisclosing("verification-with-bad-attestations.json");

        MemberProblem problem = failure(adapter(endpoint()).verify(ASKING_FOR_THE_TEST, FORWARDING));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void listSubOfTheMembersAnswerIsPassedOn() {
        answer(200, "verification-with-list-sub.json");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(new VerificationResult(VerificationStatus.RED, "ymt:member:310000", AnswerSource.LIVE,
                Instant.parse("2026-11-27T08:15:30Z"), Instant.parse("2026-11-27T08:16:30Z"), null,
                "b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5"), result);
    }

    @Test
    void answerWithoutListSubHasNone() {
        stubColour(Colour.GREEN);

        assertNull(await(adapter(endpoint()).verify(REQUEST, FORWARDING)).listSub());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"B0388348088FD3F9C27114FB639A0F32B762DD6E5194279CED98D8455EEF3AC5\"", // upper case
            "\"b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac\"", // 63 characters
            "\"b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5 \"", // trailing space
            "\"11010519491231002X\"", // an ID number instead of its pseudonym
            "\"\"", "null", "12345", "[\"b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5\"]" })
    void malformedListSubIsABadAnswer(String listSub) {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"GREEN\",\"home\":\"ymt:member:310000\",\"source\":\"LIVE\","
                        + "\"checkedAt\":\"2026-11-27T08:15:30Z\",\"validUntil\":\"2026-11-27T08:16:30Z\","
                        + "\"listSub\":" + listSub + "}")));

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertTrue(problem.getMessage().startsWith("ymt:member:310000: "), problem.getMessage());
        assertFalse(problem.getMessage().contains("11010519491231002X"), problem.getMessage());
    }

    @Test
    void routingHeadersTravelWithTheRequest() {
        stubColour(Colour.GREEN);

        await(ask(adapter(endpoint())));

        platform.verify(postRequestedFor(urlEqualTo("/member/v1/verifications"))
                .withHeader("Ymt-Hop", equalTo("6"))
                .withHeader("Ymt-Path", equalTo("ymt:member:620000,ymt:hub:national")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "verification-unknown-status.json", "verification-extra-member.json" })
    void answersOutsideTheContractAreBadAnswers(String fixture) {
        answer(200, fixture);

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void contractRefusalIsRelayedWithItsType() {
        answer(404, "problem-not-found.json");

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(ProblemType.NOT_FOUND, problem.type());
    }

    @Test
    void serverErrorIsAServerError() {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications")).willReturn(aResponse().withStatus(503)));

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, FORWARDING));

        assertEquals(MemberProblem.Kind.SERVER_ERROR, problem.kind());
    }

    @Test
    void keySetIsReadStrictly() {
        platform.stubFor(get(urlEqualTo("/member/v1/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json").withBody(fixture("v1/jwks.json"))));

        JwkSet keys = await(adapter(endpoint()).keySet());

        assertEquals("310000-2026-11", keys.keys().get(0).kid());
    }

    @Test
    void keySetOutsideTheContractIsABadAnswer() {
        platform.stubFor(get(urlEqualTo("/member/v1/jwks"))
                .willReturn(aResponse().withStatus(200).withBody("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}")));

        MemberProblem problem = failure(adapter(endpoint()).keySet());

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
    }

    @Test
    void greenLookupPassesThrough() {
        platform.stubFor(post(urlEqualTo("/member/v1/green-lookups")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(fixture("v1/green-lookup-yellow.json"))));

        GreenLookupResult result = await(adapter(endpoint())
                .greenLookup(new GreenLookupRequest("d".repeat(64), "310101", true), FORWARDING));

        assertEquals(VerificationStatus.YELLOW, result.status());
        assertEquals(AnswerSource.LIVE, result.source());
    }

    @Test
    void appealCarriesTheHubAppealIdAndIsAcknowledged() {
        platform.stubFor(post(urlEqualTo("/member/v1/appeals")).withHeader("Ymt-Appeal-Id", equalTo("apl-42"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody(fixture("v1/appeal-acknowledgement.json"))));
        AppealRequest appeal = new AppealRequest("e".repeat(64), "310101", AppealGround.LISTING_EXPIRED,
                "Listing should have ended yesterday", null);

        AppealAcknowledgement ack = await(adapter(endpoint()).submitAppeal("apl-42", appeal, FORWARDING));

        assertEquals(new AppealAcknowledgement("SH-APL-0001", Instant.parse("2026-11-27T08:15:31Z")), ack);
    }

    // ---- Gansu's own code strings (REQ-CODE-2)

    static final VerificationRequest NATIVE_REQUEST = new VerificationRequest(GansuNativeCodeTest.CODE,
            REQUEST.checkpoint(), REQUEST.purpose());

    @Test
    void aGansuCodeStringGoesAsTheCodeOfAVerificationAndIsAnsweredLive() {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications"))
                .withHeader("Ymt-Client-Assertion", equalTo(ASSERTION))
                .withRequestBody(equalToJson(fixtureText("v1/request-verify-native.json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("v1/verification-red.json"))));

        VerificationResult result = await(adapter(endpoint()).verifyNative(NATIVE_REQUEST, FORWARDING));

        assertEquals(VerificationStatus.RED, result.status());
        assertEquals(AnswerSource.LIVE, result.source());
        platform.verify(1, postRequestedFor(urlEqualTo("/member/v1/verifications"))
                .withHeader("Ymt-Hop", equalTo("6"))
                .withHeader("Ymt-Path", equalTo("ymt:member:620000,ymt:hub:national")));
    }

    @Test
    void aGansuCodeStringTheMemberDoesNotKnowIsItsRefusalNeverAColour() {
        platform.stubFor(post(urlEqualTo("/member/v1/verifications")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(fixture("v1/problem-not-found.json"))));

        MemberProblem problem = failure(adapter(endpoint()).verifyNative(NATIVE_REQUEST, FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(ProblemType.NOT_FOUND, problem.type());
    }

    @ParameterizedTest
    @ValueSource(strings = { "GSJKM1:620000:48120937561029384756:8", "JKM1:440000:48120937561029384756:02B2",
            "eyJ0eXAiOiJ5bXQtY29kZStqd3QifQ.e30.c2ln", "SS440000QR00000001" })
    void aStringThatIsNoGansuCodeIsRefusedWithoutAskingTheMember(String code) {
        stubColour(Colour.GREEN);

        MemberProblem problem = failure(adapter(endpoint()).verifyNative(new VerificationRequest(code,
                REQUEST.checkpoint(), REQUEST.purpose()), FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(ProblemType.NOT_FOUND, problem.type());
        assertEquals(0, platform.getAllServeEvents().size());
    }

    @Test
    void theFactoryOffersTheRecogniserOfGansusStrings() {
        assertEquals(GansuNativeCode.RECOGNISER, new V1AdapterFactory().nativeCodes().orElseThrow());
    }
}

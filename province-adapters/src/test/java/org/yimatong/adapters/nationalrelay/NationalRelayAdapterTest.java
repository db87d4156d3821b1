package org.yimatong.adapters.nationalrelay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.ListKeySource;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

import com.fasterxml.jackson.databind.ObjectMapper;

class NationalRelayAdapterTest extends MemberAdapterContractTest {

    static final VerificationRequest REQUEST = new VerificationRequest("NR-bizExtData-0000000001",
            new VerificationRequest.Checkpoint("gate-7", "440106", "STATION"), "station-entry");

    @Override
    protected String member() {
        return "ymt:member:national-relay";
    }

    @Override
    protected String region() {
        return "440000";
    }

    @Override
    protected String dialect() {
        return "national-relay";
    }

    @Override
    protected Credentials credentials() {
        return new Credentials("relay-app", "relay-key");
    }

    private void answer(String fixture) {
        platform.stubFor(post(urlEqualTo("/relay/healthcode/v1/check"))
                .withHeader("X-Relay-App-Id", equalTo("relay-app"))
                .withHeader("X-Relay-App-Key", equalTo("relay-key"))
                .withRequestBody(equalToJson(fixtureText("national-relay/request-verify.json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("national-relay/" + fixture))));
    }

    @Override
    protected void stubColour(Colour colour) {
        answer("answer-" + colour.name().toLowerCase() + ".json");
    }

    @Override
    protected void stubMalformed() {
        answer("answer-risk-unknown.json");
    }

    @Override
    protected void stubCredentialsRefused() {
        platform.stubFor(post(urlEqualTo("/relay/healthcode/v1/check"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("national-relay/answer-auth-failed.json"))));
    }

    @Override
    protected void stubSlow(Duration delay) {
        platform.stubFor(post(urlEqualTo("/relay/healthcode/v1/check"))
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) delay.toMillis())
                        .withBody(fixture("national-relay/answer-green.json"))));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.verify(REQUEST, Forwarding.FIRST_HOP).thenApply(VerificationResult::status);
    }

    @ParameterizedTest
    @EnumSource(Colour.class)
    void maskedNameAndIdNeverLeaveTheAdapter(Colour colour) throws Exception {
        stubColour(colour);

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        ObjectMapper json = PayloadJson.mapper();
        String wire = json.writeValueAsString(result) + result;
        for (String personal : new String[]{ "张", "丰", "440106********1234", "1234", "desensitize" }) {
            assertFalse(wire.contains(personal), "result carries " + personal + ": " + wire);
        }
        assertEquals(new VerificationResult(VerificationStatus.of(colour), member(), AnswerSource.LIVE, NOW,
                NOW.plusSeconds(60), null), result);
    }

    /** A verification asking for every attestation and a rule on them: this dialect has none to give. */
    static final VerificationRequest ASKING_FOR_ATTESTATIONS = new VerificationRequest(REQUEST.code(),
            REQUEST.checkpoint(), "hospital-visit", List.of("naat", "vaccination", "serviceLinks"),
            new CheckpointRules(48, 1), 1, null);

    @Test
    void askingForAttestationsChangesNothingOnTheWireAndAnswersNone() throws Exception {
        stubColour(Colour.GREEN);

        VerificationResult result = await(adapter(endpoint()).verify(ASKING_FOR_ATTESTATIONS, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.GREEN, result.status());
        assertNull(result.attestations());
        assertFalse(PayloadJson.mapper().writeValueAsString(result).contains("attestations"));
        platform.verify(1, postRequestedFor(urlEqualTo("/relay/healthcode/v1/check"))
                .withRequestBody(equalToJson(fixtureText("national-relay/request-verify.json"))));
    }

    @Test
    void maskedCardIdGivesNoListSubEvenWithAListKeyAtHand() {
        stubColour(Colour.RED);

        VerificationResult result = await(StandardAdapters.registry().adapterFor(endpoint(),
                context().withListKeys(ListKeySource.fixed(new byte[32]))).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.RED, result.status());
        assertNull(result.listSub());
    }

    @Test
    void whatTheAdapterKeepsOfAnAnswerHasNoPersonalField() {
        assertEquals(java.util.List.of("status", "reason"),
                Arrays.stream(NationalRelayAdapter.RiskAnswer.class.getRecordComponents())
                        .map(RecordComponent::getName).toList());
    }

    @Test
    void expiredBizExtDataIsNotFoundAtHome() {
        answer("answer-token-expired.json");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = { "answer-risk-unknown.json", "answer-duplicate-member.json" })
    void badAnswerQuotesNothingOfTheAnswer(String fixture) {
        answer(fixture);

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertFalse(problem.getMessage().contains("张"), problem.getMessage());
        assertTrue(problem.getMessage().startsWith(member()));
    }

    @Test
    void credentialsTravelAsRelayHeaders() {
        stubColour(Colour.GREEN);

        await(ask(adapter(endpoint())));

        platform.verify(postRequestedFor(urlEqualTo("/relay/healthcode/v1/check"))
                .withHeader("X-Relay-App-Id", equalTo("relay-app")));
    }
}

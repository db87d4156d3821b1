package org.yimatong.adapters.jsonhmac;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

class JsonHmacAdapterTest extends MemberAdapterContractTest {

    static final VerificationRequest REQUEST = new VerificationRequest("HMAC440000CODE0000001",
            new VerificationRequest.Checkpoint("gate-7", "440106", "STATION"), "station-entry");
    /** hex(HMAC-SHA256("hub-app-secret", sorted parameters)), computed with Python's hmac module. */
    static final String GOLDEN_SIGN = "e3a7d7ec073659db87ac91f1710b8546bbc782cb20f6c6b60b3d0f35b13d131e";

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
        return "json-hmac";
    }

    @Override
    protected Credentials credentials() {
        return new Credentials("hub-app-key", "hub-app-secret");
    }

    private void answer(String fixture) {
        platform.stubFor(get(urlPathEqualTo("/api/v2/healthcode/status"))
                .withQueryParam("appKey", equalTo("hub-app-key"))
                .withQueryParam("sign", equalTo(GOLDEN_SIGN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(fixture("json-hmac/" + fixture))));
    }

    @Override
    protected void stubColour(Colour colour) {
        answer("answer-" + colour.name().toLowerCase() + ".json");
    }

    @Override
    protected void stubMalformed() {
        answer("answer-color-as-string.json");
    }

    @Override
    protected void stubCredentialsRefused() {
        platform.stubFor(get(urlPathEqualTo("/api/v2/healthcode/status"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("json-hmac/answer-bad-sign.json"))));
    }

    @Override
    protected void stubSlow(Duration delay) {
        platform.stubFor(get(urlPathEqualTo("/api/v2/healthcode/status"))
                .willReturn(aResponse().withStatus(200).withFixedDelay((int) delay.toMillis())
                        .withBody(fixture("json-hmac/answer-green.json"))));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.verify(REQUEST, Forwarding.FIRST_HOP).thenApply(VerificationResult::status);
    }

    @Test
    void signatureIsHmacSha256OverTheParametersSortedByName() {
        Map<String, String> parameters = Map.of("timestamp", "1795767330000", "code", "HMAC440000CODE0000001",
                "nonce", NONCE, "appKey", "hub-app-key", "checkpointRegion", "440106", "checkpointId", "gate-7");

        assertEquals("appKey=hub-app-key&checkpointId=gate-7&checkpointRegion=440106&code=HMAC440000CODE0000001"
                + "&nonce=" + NONCE + "&timestamp=1795767330000", HmacQuerySigner.signingString(parameters));
        assertEquals(GOLDEN_SIGN, HmacQuerySigner.sign("hub-app-secret", parameters));
    }

    @Test
    void requestIsTheGoldenSignedQuery() {
        stubColour(Colour.GREEN);

        await(ask(adapter(endpoint())));

        platform.verify(getRequestedFor(urlEqualTo(fixtureText("json-hmac/request-verify.url"))));
    }

    /** A verification asking for every attestation and a rule on them: this dialect has none to give. */
    static final VerificationRequest ASKING_FOR_ATTESTATIONS = new VerificationRequest(REQUEST.code(),
            REQUEST.checkpoint(), "hospital-visit", List.of("naat", "vaccination", "serviceLinks"),
            new CheckpointRules(48, 1), 1, null);

    @Test
    void askingForAttestationsChangesNothingOnTheWireAndAnswersNone() {
        answer("answer-green-with-health-fields.json");

        VerificationResult result = await(adapter(endpoint()).verify(ASKING_FOR_ATTESTATIONS, Forwarding.FIRST_HOP));

        // members the dialect does not document (a test result, vaccine doses) are never read or passed on
        assertEquals(VerificationStatus.GREEN, result.status());
        assertNull(result.attestations());
        platform.verify(getRequestedFor(urlEqualTo(fixtureText("json-hmac/request-verify.url"))));
    }

    @Test
    void greenAnswerIsLiveFromTheMember() {
        stubColour(Colour.GREEN);

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(new VerificationResult(VerificationStatus.GREEN, member(), AnswerSource.LIVE, NOW,
                NOW.plusSeconds(60), null), result);
        assertFalse(result.toString().contains("李"), "native personal fields are dropped");
    }

    @ParameterizedTest
    @ValueSource(strings = { "answer-color-unknown.json", "answer-no-data.json", "answer-truncated.json",
            "answer-sub-not-a-pseudonym.json" })
    void answersOutsideTheDialectAreBadAnswers(String fixture) {
        answer(fixture);

        MemberProblem problem = failure(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertFalse(problem.getMessage().contains("11010519491231002X"), problem.getMessage());
    }

    @Test
    void thePlatformsListPseudonymBecomesListSub() {
        answer("answer-red-with-sub.json");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(new VerificationResult(VerificationStatus.RED, member(), AnswerSource.LIVE, NOW,
                NOW.plusSeconds(60), null, "b0388348088fd3f9c27114fb639a0f32b762dd6e5194279ced98d8455eef3ac5"),
                result);
    }

    @Test
    void answerWithoutAPseudonymHasNoListSub() {
        stubColour(Colour.RED);

        assertNull(await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP)).listSub());
    }

    @Test
    void unknownCodeIsNotFoundAtHome() {
        answer("answer-not-found.json");

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertEquals(VerificationStatus.UNKNOWN, result.status());
        assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
    }

    @Test
    void greenLookupAsksBySubjectPseudonym() {
        String sub = "b".repeat(64);
        platform.stubFor(get(urlPathEqualTo("/api/v2/subject/status")).withQueryParam("sub", equalTo(sub))
                .willReturn(aResponse().withStatus(200).withBody(fixture("json-hmac/answer-yellow.json"))));

        GreenLookupResult result = await(adapter(endpoint()).greenLookup(new GreenLookupRequest(sub, "440106", true),
                Forwarding.FIRST_HOP));

        assertEquals(new GreenLookupResult(VerificationStatus.YELLOW, AnswerSource.LIVE, member(), NOW,
                NOW.plusSeconds(60), null), result);
    }

    @Test
    void appealIsASignedFormPost() {
        platform.stubFor(post(urlEqualTo("/api/v2/appeals"))
                .withRequestBody(containing("hubAppealId=apl-1"))
                .withRequestBody(containing("sign="))
                .willReturn(aResponse().withStatus(200).withBody(fixture("json-hmac/answer-appeal.json"))));
        AppealRequest appeal = new AppealRequest("c".repeat(64), "440106", AppealGround.WRONG_COLOUR,
                "Tested negative twice", null);

        AppealAcknowledgement ack = await(adapter(endpoint()).submitAppeal("apl-1", appeal, Forwarding.FIRST_HOP));

        assertEquals(new AppealAcknowledgement("JH202611270001", NOW), ack);
        platform.verify(postRequestedFor(urlEqualTo("/api/v2/appeals"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("statement=Tested%20negative%20twice")));
    }
}

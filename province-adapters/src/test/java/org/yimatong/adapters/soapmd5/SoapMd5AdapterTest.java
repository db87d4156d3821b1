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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
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
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

class SoapMd5AdapterTest extends MemberAdapterContractTest {

    static final String APP_ID = "ymt-hub";
    /** MD5("ymt-hub" + "QueryCodeStatus" + "20261127"), computed with md5sum. */
    static final String VERIFY_PWD_20261127 = "66e0d1215274c483f2a0f23eb72fc667";
    static final VerificationRequest REQUEST = new VerificationRequest("SS440000QR00000001",
            new VerificationRequest.Checkpoint("gate-7", "440106", "STATION"), "transit");

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

    @Test
    void verifyResultCarriesNoNativeText() {
        stubColour(Colour.YELLOW);

        VerificationResult result = await(adapter(endpoint()).verify(REQUEST, Forwarding.FIRST_HOP));

        assertNull(result.reason());
        assertFalse(result.toString().contains("成功"));
    }
}

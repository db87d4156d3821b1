package org.yimatong.adapters.v1;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.problem.ProblemType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * A visit to a v1 member's venue goes out as {@code POST /member/v1/venue-scans} (REQ-VENUE-2) with the scan id in
 * {@code Ymt-Scan-Id}; the answer tells the hub whether it is delivered, refused for good, or to be delivered again.
 */
class V1VenueScanDeliveryTest {

    private static final String MEMBER = "ymt:member:620000";
    private static final String ASSERTION = "hub-client-assertion";
    private static final String PATH = "/member/v1/venue-scans";
    private static final VenueScanRecord RECORD = new VenueScanRecord("vs-8c1f0e2a9b", "lz-west-station-e1",
            "3f1c9a0b7e2d4c5f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7", Instant.parse("2026-11-27T08:15:30Z"),
            ScanDirection.ENTRY, "ymt:member:310000");
    private static final Forwarding FORWARDING = new Forwarding(7, List.of("ymt:hub:yrd"));

    @RegisterExtension
    final WireMockExtension platform = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private MemberAdapter adapter(Duration timeout) {
        MemberEndpoint endpoint = new MemberEndpoint(MEMBER, "620000", "v1", URI.create(platform.baseUrl()),
                Credentials.NONE, timeout, Map.of());
        AdapterContext context = AdapterContext.standard(Clock.fixed(RECORD.at(), ZoneOffset.UTC))
                .withCallerHeaders(e -> Map.of("Ymt-Client-Assertion", ASSERTION));
        return StandardAdapters.registry().adapterFor(endpoint, context);
    }

    private MemberAdapter adapter() {
        return adapter(Duration.ofSeconds(5));
    }

    private void memberAnswers(int status, String contentType, String body) {
        platform.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    private static String problem(ProblemType type) {
        return "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + type.status() + "}";
    }

    @Test
    void v1CarriesVenueScans() {
        assertTrue(adapter().operations().contains(Operation.VENUE_SCAN));
    }

    @Test
    void recordGoesOutAsTheContractsJsonWithTheScanIdAndTheHubsHeaders() throws IOException {
        memberAnswers(204, "application/json", "");

        assertNull(await(adapter().deliverVenueScan(RECORD, FORWARDING)));

        platform.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Ymt-Scan-Id", equalTo("vs-8c1f0e2a9b"))
                .withHeader("Ymt-Client-Assertion", equalTo(ASSERTION))
                .withHeader("Ymt-Hop", equalTo("7"))
                .withHeader("Ymt-Path", equalTo("ymt:hub:yrd"))
                .withRequestBody(equalToJson(fixture("v1/request-venue-scan.json"))));
    }

    @ParameterizedTest
    @ValueSource(ints = { 200, 202, 204 })
    void anySuccessIsDelivered(int status) {
        memberAnswers(status, "application/json", status == 204 ? "" : "{}");

        assertNull(await(adapter().deliverVenueScan(RECORD, FORWARDING)));
    }

    @Test
    void unknownVenueIsRefusedForGoodWithTheMembersProblemType() {
        memberAnswers(404, "application/problem+json", problem(ProblemType.NOT_FOUND));

        MemberProblem refused = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, refused.kind());
        assertEquals(ProblemType.NOT_FOUND, refused.type());
        assertTrue(refused.getMessage().startsWith(MEMBER + ": "), refused.getMessage());
    }

    @Test
    void malformedRecordRefusalIsFinal() {
        memberAnswers(400, "application/problem+json", problem(ProblemType.VALIDATION_FAILED));

        MemberProblem refused = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, refused.kind());
        assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
    }

    @Test
    void tooManyRequestsIsToBeDeliveredAgainNotRefused() {
        memberAnswers(429, "application/problem+json", problem(ProblemType.QUOTA_EXCEEDED));

        MemberProblem later = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.SERVER_ERROR, later.kind());
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503 })
    void serverErrorsAreToBeDeliveredAgain(int status) {
        memberAnswers(status, "application/problem+json", problem(ProblemType.INTERNAL));

        MemberProblem later = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.SERVER_ERROR, later.kind());
    }

    @Test
    void aSlowMemberTimesOutAndIsToBeDeliveredAgain() {
        platform.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204).withFixedDelay(2000)));

        MemberProblem later = failure(adapter(Duration.ofMillis(300)).deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.TIMEOUT, later.kind());
    }

    @Test
    void anUnreachableMemberIsUnavailable() {
        MemberEndpoint closed = new MemberEndpoint(MEMBER, "620000", "v1", URI.create("http://127.0.0.1:1/"),
                Credentials.NONE, Duration.ofSeconds(2), Map.of());
        MemberProblem later = failure(StandardAdapters.registry()
                .adapterFor(closed, AdapterContext.standard(Clock.systemUTC())).deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.UNAVAILABLE, later.kind());
    }

    @Test
    void refusedCredentialsAreNotAFinalRefusal() {
        memberAnswers(401, "application/problem+json", problem(ProblemType.UNAUTHENTICATED));

        MemberProblem refused = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.CREDENTIALS_REFUSED, refused.kind());
    }

    @Test
    void a4xxThatIsNoProblemDocumentIsABadAnswer() {
        memberAnswers(404, "text/html", "<html>not here</html>");

        MemberProblem bad = failure(adapter().deliverVenueScan(RECORD, FORWARDING));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, bad.kind());
        assertFalse(bad.getMessage().contains("not here"), bad.getMessage());
    }

    @Test
    void anInvalidRecordIsNeverSent() {
        VenueScanRecord idNumberAsSubject = new VenueScanRecord("vs-1", "lz-west-station-e1", "11010519491231002X",
                RECORD.at(), ScanDirection.EXIT, "ymt:member:310000");

        Throwable failure = cause(adapter().deliverVenueScan(idNumberAsSubject, FORWARDING));

        assertInstanceOf(IllegalArgumentException.class, failure);
        assertFalse(failure.getMessage().contains("11010519491231002X"));
        assertEquals(0, platform.getAllServeEvents().size());
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stage failed: " + e, e);
        }
    }

    private static Throwable cause(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("stage completed, a failure was expected");
    }

    private static MemberProblem failure(CompletionStage<?> stage) {
        return assertInstanceOf(MemberProblem.class, cause(stage));
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = V1VenueScanDeliveryTest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

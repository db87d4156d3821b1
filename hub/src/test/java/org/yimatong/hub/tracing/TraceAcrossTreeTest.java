package org.yimatong.hub.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A checkpoint's verification is one trace through the tree (DESIGN.md §14): the child hub's call reaches this hub
 * with a {@code traceparent}, and the call this hub makes, to the home platform or on to its own parent, carries
 * the same trace id, under this hub's server span, its route steps and a client span.
 */
@QuarkusTest
class TraceAcrossTreeTest {

    private static final String HOME = "ymt:member:860000";
    private static final String HOME_API = "/m860000/member/v1/verifications";
    private static final String CHILD_HUB = "ymt:hub:trace-child";
    private static final String PARENT_API = FakeFederation.PARENT_PATH + "/v1/verifications";
    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Jwk CHILD_HUB_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final List<String> STEPS = List.of("decode-code", "check-code", "call-home", "merge-list-state",
            "apply-disclosure", "audit-verification");
    private static final AttributeKey<String> STEP = AttributeKey.stringKey("ymt.step");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");

    @InjectFederation
    WireMockServer wm;

    @Inject
    RecordedSpans spans;

    @BeforeEach
    void givenAHomePlatformAndAChildHubBelowThisHub() {
        wm.resetAll();
        TestMembers.register(HOME, wm.baseUrl() + "/m860000", HOME_KEY, "86");
        TestMembers.register(CHILD_HUB, "HUB", wm.baseUrl() + "/trace-child", CHILD_HUB_KEY, "ACTIVE", "87");
        spans.reset();
    }

    @Test
    void theHomePlatformIsCalledInTheTraceTheChildHubStarted() {
        wm.stubFor(post(urlEqualTo(HOME_API)).willReturn(okJson(liveAnswer("GREEN", HOME))));
        String traceId = hex(16);
        String childHubSpan = hex(8);

        fromTheChildHub(traceId, childHubSpan, code(HOME_KEY, HOME, "860105"))
                .then().statusCode(200)
                .body("status", Matchers.equalTo("GREEN"));

        Traceparent sent = traceparentOfTheOnlyCall(HOME_API);
        assertEquals(traceId, sent.traceId(), "the home platform is told the child hub's trace");
        List<SpanData> trace = traceOnceItsClientSpanIsIn(traceId, sent.spanId());

        SpanData server = only(trace, SpanKind.SERVER);
        assertEquals(childHubSpan, server.getParentSpanId(), "the server span continues the child hub's span");
        Map<String, SpanData> steps = steps(trace);
        assertEquals(Set.copyOf(STEPS), steps.keySet());
        steps.values().forEach(step -> assertEquals(server.getSpanId(), step.getParentSpanId(), step.getName()
                + " is a step of the request"));
        SpanData client = outboundCall(trace);
        assertEquals(sent.spanId(), client.getSpanId(), "the home platform is told about the client span");
        assertEquals(steps.get("call-home").getSpanId(), client.getParentSpanId(),
                "the call is made by the call-home step: " + tree(trace));
        assertEquals(200L, client.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    }

    @Test
    void aCodeFromOutsideTheSubtreeGoesToTheParentInTheSameTrace() {
        wm.stubFor(post(urlEqualTo(PARENT_API)).willReturn(okJson(liveAnswer("GREEN", Federation.GUANGDONG))));
        String traceId = hex(16);

        fromTheChildHub(traceId, hex(8), code(Federation.GUANGDONG_KEY, Federation.GUANGDONG, "440305"))
                .then().statusCode(200)
                .body("home", Matchers.equalTo(Federation.GUANGDONG));

        Traceparent sent = traceparentOfTheOnlyCall(PARENT_API);
        assertEquals(traceId, sent.traceId(), "the parent hub is told the child hub's trace");
        List<SpanData> trace = traceOnceItsClientSpanIsIn(traceId, sent.spanId());
        assertEquals(steps(trace).get("call-home").getSpanId(), outboundCall(trace).getParentSpanId(),
                "the call is made by the call-home step: " + tree(trace));
    }

    private static io.restassured.response.Response fromTheChildHub(String traceId, String parentSpan,
            String code) {
        return Federation.asMember(CHILD_HUB_KEY, CHILD_HUB)
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .header("Ymt-Hop", "6")
                .header("Ymt-Path", "ymt:member:870000," + CHILD_HUB)
                .body(verificationRequest(code))
                .when().post("/v1/verifications");
    }

    private Traceparent traceparentOfTheOnlyCall(String path) {
        List<LoggedRequest> calls = wm.findAll(postRequestedFor(urlEqualTo(path)));
        assertEquals(1, calls.size(), "calls to " + path);
        String header = calls.get(0).getHeader("traceparent");
        assertNotNull(header, "traceparent sent to " + path);
        assertTrue(header.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), header);
        String[] parts = header.split("-");
        return new Traceparent(parts[1], parts[2]);
    }

    /** The spans of the trace, once the batch holding the client span was exported (the server span ends last). */
    private List<SpanData> traceOnceItsClientSpanIsIn(String traceId, String clientSpanId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.finished().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList(),
                trace -> trace.stream().anyMatch(span -> span.getSpanId().equals(clientSpanId))
                        && trace.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)
                        && trace.stream().filter(span -> span.getAttributes().get(STEP) != null).count() == STEPS
                                .size());
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind = trace.stream().filter(span -> span.getKind() == kind).toList();
        assertEquals(1, ofKind.size(), kind + " spans of " + trace);
        return ofKind.get(0);
    }

    /** The one HTTP call that left the hub (the database's client spans are the others). */
    private static SpanData outboundCall(List<SpanData> trace) {
        List<SpanData> calls = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT
                && span.getAttributes().get(URL) != null).toList();
        assertEquals(1, calls.size(), "HTTP calls in " + trace);
        return calls.get(0);
    }

    private static Map<String, SpanData> steps(List<SpanData> trace) {
        return trace.stream().filter(span -> span.getAttributes().get(STEP) != null)
                .collect(Collectors.toMap(span -> span.getAttributes().get(STEP), Function.identity()));
    }

    /** Each span as {@code name id<-parent}, for a failure's message. */
    private static String tree(List<SpanData> trace) {
        return trace.stream().map(span -> span.getName() + " " + span.getSpanId() + "<-" + span.getParentSpanId())
                .collect(Collectors.joining(", "));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private record Traceparent(String traceId, String spanId) {}
}

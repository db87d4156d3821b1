package org.yimatong.adapters.soapmd5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.schemas.fuzz.Fuzz.forAll;
import static org.yimatong.schemas.fuzz.Fuzz.refusal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.ListKeySource;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberHttp;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.fuzz.Fuzz;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * A soap-md5 platform's answer is read by {@link SoapMd5Adapter} (two XML documents, one escaped inside the other).
 * Whatever the platform sends, each operation ends with an answer or a {@link MemberProblem} that the reader itself
 * raised: a raw exception caught by {@code NativeCalls}' safety net ("unreadable answer") or an {@link Error} escaping
 * it is a fault of the reader. The problem never quotes the holder's ID number. Inputs come from a fixed seed (see
 * {@link Fuzz}); the platform is a stub answering with the input.
 */
class SoapMd5AnswerFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:15:30Z"), ZoneOffset.UTC);
    private static final byte[] LIST_KEY = "ymt-list-key-2026-11".getBytes(StandardCharsets.UTF_8);
    private static final String HOLDER_ID = "11010519491231002X";
    private static final List<String> FIXTURES = List.of("answer-appeal.xml", "answer-auth-failed.xml",
            "answer-contradiction-with-id.xml", "answer-green-with-lowercase-id.xml", "answer-green.xml",
            "answer-not-found.xml", "answer-red-with-bad-id.xml", "answer-red-with-id.xml", "answer-revoked.xml",
            "answer-unknown-status-with-id.xml", "answer-xxe.xml", "answer-yellow.xml");
    private static final List<String> XML_TOKENS = List.of("<", ">", "&", "&lt;", "&gt;", "&amp;", "&#0;", "&#x1F;",
            "&#xD800;", "&#1114112;", "&e;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>",
            "<!DOCTYPE r [<!ENTITY e 'x'>]>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<?xml version=\"1.1\"?>", " xmlns=\"\"",
            " xmlns:soap=\"x\"",
            "<soap:Fault/>", "<Fault/>", "</InvokeResult>", "<InvokeResult/>", "<Response/>",
            "<ResultCode>1002</ResultCode>",
            "<CodeStatus/>", "<CodeStatus><a>0</a></CodeStatus>", "<IdNo>" + HOLDER_ID + "</IdNo>", " a=\"1\" a=\"2\"",
            "\"", "'", "=", "/", "\u0000", "\ufffe");
    private static final VerificationRequest VERIFY = new VerificationRequest("SS440000QR00000001",
            new VerificationRequest.Checkpoint("gate-7", "440106", "STATION"), "station-entry");

    @Test
    void anyBytesGiveAnAnswerOrABadAnswerProblem() {
        forAll(0x5eed_50a9_0001L, 1500, r -> Fuzz.anyBytes(r, 400), SoapMd5AnswerFuzzTest::answeredOrProblem);
    }

    @Test
    void aValidEnvelopeWithAFewCharactersChangedGivesAnAnswerOrABadAnswerProblem() {
        forAll(0x5eed_50a9_0002L, 3000, r -> Fuzz.mutate(r, fixture(Fuzz.pick(r, FIXTURES)), XML_TOKENS)
                .getBytes(StandardCharsets.UTF_8), SoapMd5AnswerFuzzTest::answeredOrProblem);
    }

    @Test
    void aValidInnerResponseWithAFewCharactersChangedGivesAnAnswerOrABadAnswerProblem() {
        // the inner document travels escaped: mutate it unescaped, so its own parser meets the damage
        forAll(0x5eed_50a9_0003L, 3000, r -> {
            String envelope = fixture(Fuzz.pick(r, FIXTURES));
            int start = envelope.indexOf("<InvokeResult>") + "<InvokeResult>".length();
            int end = envelope.indexOf("</InvokeResult>");
            if (start < "<InvokeResult>".length() || end < start) {
                return envelope.getBytes(StandardCharsets.UTF_8);
            }
            String inner = Fuzz.mutate(r, unescape(envelope.substring(start, end)), XML_TOKENS);
            return (envelope.substring(0, start) + SecureXml.escape(inner) + envelope.substring(end))
                    .getBytes(StandardCharsets.UTF_8);
        }, SoapMd5AnswerFuzzTest::answeredOrProblem);
    }

    @Test
    void deeplyNestedAnswersAreRefusedNotOverflowingTheStack() {
        forAll(0x5eed_50a9_0004L, 12, r -> {
            String deep = Fuzz.nested("<a>", "0", "</a>", 1 + r.nextInt(60_000));
            String inner = "<Response><ResultCode>0</ResultCode><CodeStatus>" + deep
                    + "</CodeStatus><StatusReason>00</StatusReason></Response>";
            return (r.nextBoolean() ? envelope(SecureXml.escape(inner)) : envelope(deep))
                    .getBytes(StandardCharsets.UTF_8);
        }, SoapMd5AnswerFuzzTest::answeredOrProblem);
    }

    @Test
    void anElementNestedTooDeepForTextContentIsABadAnswer() {
        // found by deeplyNestedAnswersAreRefusedNotOverflowingTheStack: DOM's getTextContent() recursed per level
        // and a StackOverflowError (an Error, past NativeCalls' net) failed the stage instead of a MemberProblem
        String inner = "<Response><ResultCode>0</ResultCode><CodeStatus>" + Fuzz.nested("<a>", "0", "</a>", 50_000)
                + "</CodeStatus><StatusReason>00</StatusReason></Response>";

        MemberProblem problem = problemOf(answering(envelope(SecureXml.escape(inner))
                .getBytes(StandardCharsets.UTF_8)).verify(VERIFY, Forwarding.FIRST_HOP));

        assertEquals(MemberProblem.Kind.BAD_ANSWER, problem.kind());
        assertEquals("ymt:member:440000: answer is not well-formed XML", problem.getMessage());
    }

    @Test
    void everyDocumentedAnswerIsReadAsTheDialectSays() {
        Map<String, VerificationStatus> colours = Map.of("0", VerificationStatus.GREEN, "1", VerificationStatus.YELLOW,
                "2", VerificationStatus.RED);
        List<String> reasons = List.copyOf(SoapMd5Adapter.REASONS.keySet());
        forAll(0x5eed_50a9_0005L, 1000, r -> new String[]{ Fuzz.pick(r, List.copyOf(colours.keySet())),
                Fuzz.pick(r, reasons), r.nextBoolean() ? HOLDER_ID : r.nextBoolean() ? "11010519491231002x" : null },
                answer -> {
                    String inner = "<Response><ResultCode>0</ResultCode><ResultMsg>成功</ResultMsg><CodeStatus>"
                            + answer[0] + "</CodeStatus><StatusReason>" + answer[1] + "</StatusReason>"
                            + (answer[2] == null ? "" : "<IdNo>" + answer[2] + "</IdNo>") + "</Response>";
                    CompletionStage<VerificationResult> stage = answering(envelope(SecureXml.escape(inner))
                            .getBytes(StandardCharsets.UTF_8)).verify(VERIFY, Forwarding.FIRST_HOP);
                    VerificationStatus colour = colours.get(answer[0]);
                    if ("09".equals(answer[1])) {
                        VerificationResult result = stage.toCompletableFuture().join();
                        assertEquals(VerificationStatus.UNKNOWN, result.status());
                        assertEquals(ReasonCode.REVOKED, result.reason());
                    } else if ((colour == VerificationStatus.GREEN) != "00".equals(answer[1])) {
                        assertEquals(MemberProblem.Kind.BAD_ANSWER, problemOf(stage).kind());
                    } else {
                        VerificationResult result = stage.toCompletableFuture().join();
                        assertEquals(colour, result.status());
                        assertEquals(answer[2] == null ? null : ResidentIdNumber.parse(HOLDER_ID).pseudonym(LIST_KEY),
                                result.listSub());
                    }
                });
    }

    @Test
    void secureXmlParsesAnyBytesOrRefusesWithIoException() {
        forAll(0x5eed_50a9_0006L, 2000, r -> r.nextBoolean() ? Fuzz.anyBytes(r, 300)
                : Fuzz.mutate(r, fixture(Fuzz.pick(r, FIXTURES)), XML_TOKENS).getBytes(StandardCharsets.UTF_8),
                bytes -> refusal(UncheckedIOException.class, () -> {
                    try {
                        SecureXml.parse(bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /** Asks each operation in turn; each ends with an answer or the reader's own problem. */
    private static void answeredOrProblem(byte[] body) {
        SoapMd5Adapter adapter = answering(body);
        List<Function<SoapMd5Adapter, CompletionStage<?>>> operations = List.of(
                a -> a.verify(VERIFY, Forwarding.FIRST_HOP),
                a -> a.greenLookup(new GreenLookupRequest("a".repeat(64), "440106", true), Forwarding.FIRST_HOP),
                a -> a.submitAppeal("apl-1", new AppealRequest("a".repeat(64), "440106", AppealGround.OTHER,
                        "statement", null), Forwarding.FIRST_HOP));
        for (Function<SoapMd5Adapter, CompletionStage<?>> operation : operations) {
            CompletionStage<?> stage = operation.apply(adapter);
            try {
                stage.toCompletableFuture().join();
            } catch (CompletionException e) {
                MemberProblem problem = problemOf(stage);
                assertFalse(problem.getMessage().contains("unreadable answer"),
                        () -> "a raw exception escaped the reader: " + problem.getMessage());
                assertFalse(problem.getMessage().contains(HOLDER_ID.substring(0, 14)), "the problem quotes the ID");
            }
        }
    }

    private static MemberProblem problemOf(CompletionStage<?> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
        assertTrue(e.getCause() instanceof MemberProblem, () -> "not a MemberProblem: " + e.getCause());
        return (MemberProblem) e.getCause();
    }

    private static SoapMd5Adapter answering(byte[] body) {
        MemberHttp platform = new MemberHttp() {
            @Override
            public CompletionStage<HttpAnswer> send(HttpCall call) {
                return CompletableFuture.completedFuture(new HttpAnswer(200, body));
            }

            @Override
            public CompletionStage<Integer> download(HttpCall call, Path file) {
                throw new UnsupportedOperationException("soap-md5 downloads nothing");
            }
        };
        MemberEndpoint endpoint = new MemberEndpoint("ymt:member:440000", "440000", SoapMd5Adapter.DIALECT,
                URI.create("http://localhost:9"), new Credentials("ymt-hub", ""));
        return new SoapMd5Adapter(endpoint, new AdapterContext(platform, CLOCK, null, null,
                ListKeySource.fixed(LIST_KEY)));
    }

    private static String envelope(String invokeResult) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SoapMd5Adapter.SOAP_NAMESPACE
                + "\"><soap:Body><InvokeResponse xmlns=\"" + SoapMd5Adapter.NAMESPACE + "\"><InvokeResult>"
                + invokeResult + "</InvokeResult></InvokeResponse></soap:Body></soap:Envelope>";
    }

    private static String unescape(String escaped) {
        return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String fixture(String name) {
        try (InputStream in = SoapMd5AnswerFuzzTest.class.getResourceAsStream("/soap-md5/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

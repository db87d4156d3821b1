package org.yimatong.adapters.soapmd5;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Answers;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.ListSubjects;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.ProblemType;

/**
 * A platform behind a SOAP 1.1 gateway: every call is {@code Invoke(appId, pwd, method, xml)} posted to
 * {@code <baseUrl>/services/HealthCodeService}, the inner request and answer being XML documents carried as
 * escaped strings. Methods used: {@code QueryCodeStatus} (verify a v1 code or the platform's own code string,
 * {@link SoapMd5NativeCode}), {@code QuerySubjectStatus} (green lookup by the hub's pseudonym), {@code SubmitAppeal}.
 *
 * <p>Answer {@code <Response>}: {@code ResultCode} 0 ok, 1001 authentication failed, 1002 code or subject not
 * found; {@code CodeStatus} 0 green, 1 yellow, 2 red; {@code StatusReason} a two-digit code (see
 * {@link #REASONS}). The native reason is checked and then dropped, except code revocation; {@code ResultMsg} is
 * never passed on.
 *
 * <p>A {@code QueryCodeStatus} answer may carry the holder's resident ID number ({@value #ID_NUMBER}), as legacy
 * platforms do: it becomes the answer's {@code listSub} under the hub's list key ({@link ListSubjects}) and is
 * dropped at once. Without a valid number, or without a key at hand, the answer has no {@code listSub}.
 */
public final class SoapMd5Adapter implements MemberAdapter {

    public static final String DIALECT = "soap-md5";
    public static final String SERVICE_PATH = "/services/HealthCodeService";
    public static final String NAMESPACE = "http://gateway.healthcode.example.cn/";
    public static final String SOAP_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";

    public static final String VERIFY_METHOD = "QueryCodeStatus";
    public static final String LOOKUP_METHOD = "QuerySubjectStatus";
    public static final String APPEAL_METHOD = "SubmitAppeal";
    /**
     * The holder's resident ID number (身份证号) in a {@code QueryCodeStatus} answer: turned into {@code listSub}
     * with the hub's list key, then dropped.
     */
    public static final String ID_NUMBER = "IdNo";

    /** StatusReason codes the platform documents, and whether each goes with green ({@code 00} only). */
    static final Map<String, String> REASONS = Map.of(
            "00", "none",
            "01", "close contact",
            "02", "secondary contact",
            "03", "stay in a risk area",
            "04", "positive test",
            "09", "code revoked");

    private static final Pattern APPEAL_NO = Patterns.HOME_REFERENCE;

    private final MemberEndpoint endpoint;
    private final AdapterContext context;

    public SoapMd5Adapter(MemberEndpoint endpoint, AdapterContext context) {
        if (endpoint.credentials().id().isBlank()) {
            throw new IllegalArgumentException(endpoint.member() + ": soap-md5 needs credentials with the appId");
        }
        this.endpoint = endpoint;
        this.context = context;
        Answers.validity(endpoint);
    }

    @Override
    public MemberEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.VERIFY, Operation.VERIFY_NATIVE, Operation.GREEN_LOOKUP, Operation.APPEAL);
    }

    @Override
    public CompletionStage<VerificationResult> verify(VerificationRequest request, Forwarding forwarding) {
        StringBuilder xml = new StringBuilder("<Request><QrCode>").append(SecureXml.escape(request.code()))
                .append("</QrCode>");
        if (request.checkpoint() != null) {
            xml.append("<CheckPointId>").append(SecureXml.escape(request.checkpoint().id()))
                    .append("</CheckPointId><CheckPointRegion>").append(SecureXml.escape(request.checkpoint().region()))
                    .append("</CheckPointRegion>");
        }
        xml.append("</Request>");
        return queryCodeStatus(xml.toString());
    }

    /**
     * The platform's own code string ({@link SoapMd5NativeCode}), checked live as any {@code QrCode} is
     * ({@code QueryCodeStatus}, without a checkpoint: the native check has none). A string that is not such a code,
     * or whose check digits are wrong, is refused {@code not-found} without asking the platform.
     */
    @Override
    public CompletionStage<VerificationResult> verifyNative(VerificationRequest request, Forwarding forwarding) {
        String code = request == null ? null : request.code();
        if (SoapMd5NativeCode.RECOGNISER.recognise(code).isEmpty()) {
            return CompletableFuture.failedFuture(MemberProblem.refused(endpoint.member(), ProblemType.NOT_FOUND,
                    "not a native code of dialect " + DIALECT));
        }
        return queryCodeStatus("<Request><QrCode>" + SecureXml.escape(code) + "</QrCode></Request>");
    }

    private CompletionStage<VerificationResult> queryCodeStatus(String xml) {
        CompletableFuture<Optional<byte[]>> listKey = ListSubjects.keyFor(context, endpoint);
        return invoke(VERIFY_METHOD, xml, answer -> {
            Status status = status(answer);
            ResidentIdNumber holder = status.reason == ReasonCode.NOT_FOUND_AT_HOME ? null
                    : ListSubjects.holder(SecureXml.childText(answer, ID_NUMBER), context.clock());
            return new Verified(status, holder);
        }).thenCompose(verified -> verified.holder == null ? CompletableFuture.completedFuture(result(verified, null))
                : listKey.thenApply(key -> result(verified, ListSubjects.listSub(verified.holder, key))));
    }

    /** What a verify answer gave: the status and the holder's number, held only until it is a pseudonym. */
    private record Verified(Status status, ResidentIdNumber holder) {
        @Override
        public String toString() {
            return "Verified[" + status + "]";
        }
    }

    private VerificationResult result(Verified verified, String listSub) {
        Instant now = Answers.now(context.clock());
        return new VerificationResult(verified.status.status, endpoint.member(), AnswerSource.LIVE, now,
                now.plus(Answers.validity(endpoint)), verified.status.reason, listSub);
    }

    @Override
    public CompletionStage<GreenLookupResult> greenLookup(GreenLookupRequest request, Forwarding forwarding) {
        String xml = "<Request><SubjectId>" + SecureXml.escape(request.sub()) + "</SubjectId></Request>";
        return invoke(LOOKUP_METHOD, xml, answer -> {
            Status status = status(answer);
            Instant now = Answers.now(context.clock());
            return new GreenLookupResult(status.status, AnswerSource.LIVE, endpoint.member(), now,
                    now.plus(Answers.validity(endpoint)), status.reason);
        });
    }

    @Override
    public CompletionStage<AppealAcknowledgement> submitAppeal(String appealId, AppealRequest request,
            Forwarding forwarding) {
        String xml = "<Request><SubjectId>" + SecureXml.escape(request.sub()) + "</SubjectId><HubAppealId>"
                + SecureXml.escape(appealId) + "</HubAppealId><Ground>" + request.ground().name()
                + "</Ground><Statement>" + SecureXml.escape(request.statement()) + "</Statement></Request>";
        return invoke(APPEAL_METHOD, xml, answer -> {
            if ("1002".equals(SecureXml.childText(answer, "ResultCode"))) {
                throw MemberProblem.refused(endpoint.member(), ProblemType.NOT_FOUND, "does not know the subject");
            }
            String appealNo = SecureXml.childText(answer, "AppealNo");
            if (appealNo == null || !APPEAL_NO.matcher(appealNo).matches()) {
                throw bad("SubmitAppeal answer without a usable AppealNo");
            }
            return new AppealAcknowledgement(appealNo, Answers.now(context.clock()));
        });
    }

    private record Status(VerificationStatus status, ReasonCode reason) {}

    /** CodeStatus and StatusReason of an ok answer, or the not-found answer. */
    private Status status(Element answer) {
        if ("1002".equals(SecureXml.childText(answer, "ResultCode"))) {
            return new Status(VerificationStatus.UNKNOWN, ReasonCode.NOT_FOUND_AT_HOME);
        }
        String code = SecureXml.childText(answer, "CodeStatus");
        String reason = SecureXml.childText(answer, "StatusReason");
        if (code == null) {
            throw bad("answer without CodeStatus");
        }
        VerificationStatus colour = switch (code) {
            case "0" -> VerificationStatus.GREEN;
            case "1" -> VerificationStatus.YELLOW;
            case "2" -> VerificationStatus.RED;
            default -> throw bad("unknown CodeStatus");
        };
        if (reason == null || !REASONS.containsKey(reason)) {
            throw bad("missing or unknown StatusReason");
        }
        if ("09".equals(reason)) {
            return new Status(VerificationStatus.UNKNOWN, ReasonCode.REVOKED);
        }
        if ((colour == VerificationStatus.GREEN) != "00".equals(reason)) {
            throw bad("StatusReason contradicts CodeStatus");
        }
        return new Status(colour, null);
    }

    /** Posts one Invoke and hands the ok inner {@code <Response>} to {@code read}. */
    private <T> CompletionStage<T> invoke(String method, String innerXml, Function<Element, T> read) {
        String appId = endpoint.credentials().id();
        String pwd = SoapMd5Password.of(appId, method, context.clock());
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + SOAP_NAMESPACE + "\" xmlns:hc=\"" + NAMESPACE + "\">"
                + "<soapenv:Body><hc:Invoke>"
                + "<hc:appId>" + SecureXml.escape(appId) + "</hc:appId>"
                + "<hc:pwd>" + pwd + "</hc:pwd>"
                + "<hc:method>" + method + "</hc:method>"
                + "<hc:xml>" + SecureXml.escape(innerXml) + "</hc:xml>"
                + "</hc:Invoke></soapenv:Body></soapenv:Envelope>";
        HttpCall post = HttpCall.post(endpoint.resolve(SERVICE_PATH), "text/xml; charset=utf-8", envelope)
                .header("SOAPAction", "\"" + NAMESPACE + "Invoke\"");
        return NativeCalls.send(context.http(), endpoint, post,
                response -> read.apply(okResponse(response)));
    }

    private Element okResponse(HttpAnswer response) {
        NativeCalls.requireOk(endpoint.member(), response.status());
        Element inner;
        try {
            Document soap = SecureXml.parse(response.body());
            Element envelope = soap.getDocumentElement();
            if (!"Envelope".equals(SecureXml.localNameOf(envelope))
                    || !SOAP_NAMESPACE.equals(envelope.getNamespaceURI())) {
                throw bad("answer is not a SOAP 1.1 envelope");
            }
            Element body = SecureXml.child(envelope, "Body");
            if (SecureXml.child(body, "Fault") != null) {
                throw bad("answered a SOAP fault");
            }
            Element invokeResponse = SecureXml.child(body, "InvokeResponse");
            String result = SecureXml.childText(invokeResponse, "InvokeResult");
            if (result == null || result.isEmpty()) {
                throw bad("answer without InvokeResult");
            }
            inner = SecureXml.parse(result).getDocumentElement();
        } catch (IOException e) {
            throw bad("answer is not well-formed XML");
        }
        if (!"Response".equals(SecureXml.localNameOf(inner))) {
            throw bad("InvokeResult is not a Response document");
        }
        String resultCode = SecureXml.childText(inner, "ResultCode");
        if (resultCode == null) {
            throw bad("Response without ResultCode");
        }
        return switch (resultCode) {
            case "0", "1002" -> inner;
            case "1001" -> throw MemberProblem.credentialsRefused(endpoint.member(), "ResultCode 1001");
            default -> throw bad("ResultCode " + (resultCode.matches("[0-9]{1,8}") ? resultCode : "unreadable"));
        };
    }

    private MemberProblem bad(String detail) {
        return MemberProblem.badAnswer(endpoint.member(), detail);
    }
}

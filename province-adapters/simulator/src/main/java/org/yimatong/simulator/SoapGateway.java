package org.yimatong.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.w3c.dom.Element;
import org.yimatong.adapters.soapmd5.SecureXml;
import org.yimatong.adapters.soapmd5.SoapMd5Adapter;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.soapmd5.SoapMd5Password;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.ProblemException;

/**
 * The simulator as a legacy platform behind a SOAP 1.1 gateway (the {@code soap-md5} dialect): one operation,
 * {@code Invoke(appId, pwd, method, xml)} at {@value SoapMd5Adapter#SERVICE_PATH}, with {@code pwd =
 * MD5(appId + method + yyyyMMdd)}. It answers from the same residents and faults as the v1 member API; codes are
 * still the v1 dynamic codes this member signs (its adapter only carries the live check). As such a platform does,
 * its {@code QueryCodeStatus} answer names the holder by the resident ID number ({@code IdNo}), from which the
 * {@code soap-md5} adapter computes the list pseudonym; green lookups and appeals are by the list pseudonym under
 * the simulator's list key. It also prints its own code strings, {@code JKM1:<region>:<serial>:<check>}
 * ({@link SoapMd5NativeCode}, REQ-CODE-2), one per resident, and answers {@code QueryCodeStatus} for them as for its
 * signed codes; a string of that shape it never printed (or whose check fails) is not found (1002).
 */
final class SoapGateway {

    private static final String XML_TYPE = "text/xml; charset=utf-8";

    private final MemberSimulator sim;
    private final String appId;
    private final MemberApi codes;

    SoapGateway(MemberSimulator sim, String appId, MemberApi codes) {
        this.sim = sim;
        this.appId = appId;
        this.codes = codes;
    }

    void register(Http.Routes routes) {
        routes.member("POST", SoapMd5Adapter.SERVICE_PATH, this::invoke);
    }

    private Http.Answer invoke(Http.Request request) throws IOException {
        Element invoke;
        try {
            Element body = SecureXml.child(SecureXml.parse(request.body()).getDocumentElement(), "Body");
            invoke = SecureXml.child(body, "Invoke");
        } catch (IOException e) {
            return fault("not a SOAP envelope");
        }
        if (invoke == null) {
            return fault("no Invoke in the body");
        }
        String caller = SecureXml.childText(invoke, "appId");
        String method = SecureXml.childText(invoke, "method");
        String pwd = SecureXml.childText(invoke, "pwd");
        if (method == null || !appId.equals(caller) || pwd == null
                || !pwd.equals(SoapMd5Password.of(appId, method, sim.clock()))) {
            return answer("<ResultCode>1001</ResultCode><ResultMsg>authentication failed</ResultMsg>");
        }
        Element inner;
        try {
            inner = SecureXml.parse(Optional.ofNullable(SecureXml.childText(invoke, "xml")).orElse(""))
                    .getDocumentElement();
        } catch (IOException e) {
            return answer("<ResultCode>2001</ResultCode><ResultMsg>bad request document</ResultMsg>");
        }
        return switch (method) {
            case SoapMd5Adapter.VERIFY_METHOD -> verify(SecureXml.childText(inner, "QrCode"));
            case SoapMd5Adapter.LOOKUP_METHOD -> status(sim.population()
                    .byListSubject(sim.listKey(), String.valueOf(SecureXml.childText(inner, "SubjectId")))
                    .map(Resident::colour));
            case SoapMd5Adapter.APPEAL_METHOD -> appeal(SecureXml.childText(inner, "SubjectId"));
            default -> answer("<ResultCode>2002</ResultCode><ResultMsg>unknown method</ResultMsg>");
        };
    }

    private Http.Answer verify(String code) {
        if (code != null && code.startsWith(SoapMd5NativeCode.PREFIX + ":")) {
            return verifyNative(code);
        }
        CodeClaims claims;
        try {
            claims = codes.verifyCode(String.valueOf(code));
        } catch (ProblemException e) {
            return answer("<ResultCode>1002</ResultCode><ResultMsg>code not valid here</ResultMsg>");
        }
        Optional<Resident> resident = sim.population().byCodeSubject(claims.sub());
        // as a legacy platform does, the code check names the holder by the ID number: the adapter makes it listSub
        return status(resident.map(Resident::colour), resident.map(this::idNumber).orElse(""));
    }

    /** One of the code strings this platform printed (REQ-CODE-2), answered as its own codes are. */
    private Http.Answer verifyNative(String code) {
        Optional<Resident> resident = sim.nativeCodes().flatMap(book -> book.residentOf(code))
                .flatMap(n -> sim.population().byNumber(n));
        return status(resident.map(Resident::colour), resident.map(this::idNumber).orElse(""));
    }

    private String idNumber(Resident r) {
        return "<" + SoapMd5Adapter.ID_NUMBER + ">" + r.idNumber().value() + "</" + SoapMd5Adapter.ID_NUMBER + ">";
    }

    private Http.Answer status(Optional<Colour> colour) {
        return status(colour, "");
    }

    /** The status answer; {@code holder} is extra fields about the holder (the verification's ID number). */
    private Http.Answer status(Optional<Colour> colour, String holder) {
        if (colour.isEmpty()) {
            return answer("<ResultCode>1002</ResultCode><ResultMsg>not found</ResultMsg>");
        }
        Colour answered = codes.answered(colour.get());
        if (sim.faults().malformedAnswers()) {
            return answer("<ResultCode>0</ResultCode><StatusReason>00</StatusReason>");
        }
        String status = switch (answered) {
            case GREEN -> "0";
            case YELLOW -> "1";
            case RED -> "2";
        };
        return answer("<ResultCode>0</ResultCode><ResultMsg>ok</ResultMsg><CodeStatus>" + status
                + "</CodeStatus><StatusReason>" + (answered == Colour.GREEN ? "00" : "01") + "</StatusReason>"
                + holder);
    }

    private Http.Answer appeal(String subject) {
        if (subject == null || sim.population().byListSubject(sim.listKey(), subject).isEmpty()) {
            return answer("<ResultCode>1002</ResultCode><ResultMsg>not found</ResultMsg>");
        }
        return answer("<ResultCode>0</ResultCode><AppealNo>" + sim.options().region() + "-SOAP-"
                + sim.nextAppealNumber() + "</AppealNo>");
    }

    private static Http.Answer answer(String responseFields) {
        String inner = SecureXml.escape("<Response>" + responseFields + "</Response>");
        return xml(200, "<soap:Envelope xmlns:soap=\"" + SoapMd5Adapter.SOAP_NAMESPACE + "\"><soap:Body>"
                + "<InvokeResponse xmlns=\"" + SoapMd5Adapter.NAMESPACE + "\"><InvokeResult>" + inner
                + "</InvokeResult></InvokeResponse></soap:Body></soap:Envelope>");
    }

    private static Http.Answer fault(String why) {
        return xml(500, "<soap:Envelope xmlns:soap=\"" + SoapMd5Adapter.SOAP_NAMESPACE + "\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>" + SecureXml.escape(why)
                + "</faultstring></soap:Fault></soap:Body></soap:Envelope>");
    }

    private static Http.Answer xml(int status, String envelope) {
        return new Http.Answer(status, XML_TYPE, ("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + envelope)
                .getBytes(StandardCharsets.UTF_8), java.util.Map.of(), null);
    }
}

package org.yimatong.hub.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** What a {@code soap-md5} platform's gateway answers, for WireMock stubs of one. */
public final class SoapGatewayAnswers {

    private SoapGatewayAnswers() {
    }

    /** A 200 SOAP envelope whose {@code InvokeResult} is {@code <Response>inner</Response>}, escaped as the gateway does. */
    public static ResponseDefinitionBuilder soap(String inner) {
        String escaped = ("<Response>" + inner + "</Response>").replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(
                """
                        <?xml version="1.0" encoding="utf-8"?>
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                          <soap:Body><InvokeResponse xmlns="http://gateway.healthcode.example.cn/"><InvokeResult>%s</InvokeResult>
                          </InvokeResponse></soap:Body></soap:Envelope>"""
                        .formatted(escaped));
    }
}

package org.yimatong.conformance.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a report may keep of an exchange. */
class RedactionTest {

    static final String JWS = "eyJ0eXAiOiJKV1QiLCJhbGciOiJTTTIifQ.eyJpc3MiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl";

    @Test
    void credentialHeadersAreMaskedWhole() {
        Map<String, List<String>> out = Redaction.headers(Map.of("Ymt-Client-Assertion", List.of(JWS),
                "Authorization", List.of("Bearer abc"), "Cookie", List.of("s=1"), "Accept", List.of("text/html")));
        assertEquals(List.of(Redaction.MASK), out.get("Ymt-Client-Assertion"));
        assertEquals(List.of(Redaction.MASK), out.get("Authorization"));
        assertEquals(List.of(Redaction.MASK), out.get("Cookie"));
        assertEquals(List.of("text/html"), out.get("Accept"));
    }

    @Test
    void codesTokensAndSecretsInBodiesAreMasked() {
        String body = "{\"code\":\"not-a-jws-but-a-code\",\"id_token\":\"x\",\"note\":\"" + JWS
                + "\",\"status\":\"GREEN\"}";
        String out = Redaction.body(body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals("{\"code\":\"[redacted]\",\"id_token\":\"[redacted]\",\"note\":\"[jws [redacted]]\","
                + "\"status\":\"GREEN\"}", out);
    }

    @Test
    void formFieldsWithTokensAreMasked() {
        assertEquals("token=[redacted]&token_type_hint=id_token", Redaction.body(
                "token=abc.def.ghi&token_type_hint=id_token".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded"));
    }

    @Test
    void idNumbersAreMaskedAsTheHubsLogsMaskThem() {
        assertEquals("id 110105********002X here", Redaction.text("id 11010519491231002X here"));
        assertEquals("a run of 19 digits 1234567890123456789 is no ID number",
                Redaction.text("a run of 19 digits 1234567890123456789 is no ID number"));
    }

    @Test
    void onlyValidIdNumbersCountAsLeaks() {
        assertTrue(Redaction.containsIdNumber("statement 11010519491231002X"));
        // a digit run inside a hex pseudonym with the shape but not the checks of an ID number
        assertFalse(Redaction.containsIdNumber("ab123456789012345678cd"));
    }

    @Test
    void binaryBodiesAreSummarised() {
        assertEquals("[3 bytes of application/octet-stream]",
                Redaction.body(new byte[]{ 1, 2, 3 }, "application/octet-stream"));
    }
}

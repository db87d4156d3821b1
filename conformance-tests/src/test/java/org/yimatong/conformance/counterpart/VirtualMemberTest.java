package org.yimatong.conformance.counterpart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.jose.JoseException;

/** A virtual member speaks enough of the member API for a hub to route to it, and signs codes a hub can verify. */
class VirtualMemberTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void itPublishesItsKeysAndSignsCodesThatVerifyWithThem() throws Exception {
        try (VirtualMember member = VirtualMember.start("330000", "ymt:hub:yrd", SignatureProfile.SM2)) {
            JsonNode config = get(member.baseUrl() + VirtualMember.ENTITY_CONFIGURATION);
            assertEquals("ymt:member:330000", config.path("entityId").asText());
            assertEquals("ymt:hub:yrd", config.path("parent").asText());
            JwkSet keys = JwkSet.parse(get(config.path("jwks_uri").asText()));

            CodeClaims claims = new DynamicCodeCodec().verify(member.code("subject-1", Colour.YELLOW), keys);

            assertEquals("ymt:member:330000", claims.iss());
            assertEquals(Colour.YELLOW, claims.col());
            assertEquals("330000", claims.rgn());
            assertThrows(JoseException.class, () -> new DynamicCodeCodec().verify(
                    member.code("subject-1", Colour.GREEN, Instant.now().minusSeconds(300)), keys));
        }
    }

    @Test
    void itAnswersVerificationsAsTheTestChooses() throws Exception {
        try (VirtualMember member = VirtualMember.start("320000", "ymt:hub:yrd", SignatureProfile.ES256)) {
            member.answerVerifications(VerificationStatus.RED);
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(member.baseUrl()
                    + VirtualMember.VERIFICATIONS)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = StrictJson.read(answer.body());
            assertEquals(200, answer.statusCode());
            assertEquals("RED", body.path("status").asText());
            assertEquals(Set.of(), ContractSchemas.faults("verification-result.json", body));
            assertEquals(1, member.verificationsReceived().size());

            member.dropVerifications();
            assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(URI.create(member.baseUrl()
                    + VirtualMember.VERIFICATIONS)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
    }

    private JsonNode get(String url) throws Exception {
        return StrictJson.read(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }
}

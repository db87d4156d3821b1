package org.yimatong.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.payload.PayloadJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What the simulator asks of its hub, as a member: the list key of the current epoch, the hub's key set, and batch
 * uploads. Every call carries a fresh client assertion ({@code Ymt-Client-Assertion}: {@code iss} = {@code sub} =
 * the member, {@code aud} = the hub, a random {@code jti}, {@code exp} = {@code iat} + 60 s).
 */
final class HubClient {

    private final URI hubUrl;
    private final String hubId;
    private final String memberId;
    private final Jwk key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A failed hub call; the message names the path and status, never a key or a body. */
    static final class HubCallException extends IOException {
        HubCallException(String message) {
            super(message);
        }
    }

    /** The hub's answer to a batch upload: status and body as the hub gave them. */
    record Upload(int status, JsonNode body) {}

    HubClient(URI hubUrl, String hubId, String memberId, Jwk key, Clock clock) {
        this.hubUrl = hubUrl;
        this.hubId = hubId;
        this.memberId = memberId;
        this.key = key;
        this.clock = clock;
    }

    /** A client assertion of this member for the hub, valid 60 s from now. */
    String clientAssertion() {
        return ClientAssertion.sign(key, memberId, hubId, clock.instant());
    }

    /** {@code GET /v1/lists/key}: the list key of the current epoch, within {@code timeout}. */
    ListKey listKey(Duration timeout) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri("/v1/lists/key"))
                .header("Accept", "application/json").header("Ymt-Client-Assertion", clientAssertion()).GET(),
                timeout);
        expect(answer, 200, "GET /v1/lists/key");
        ListKey listKey;
        try {
            listKey = PayloadJson.mapper().treeToValue(StrictJson.read(answer.body()), ListKey.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new HubCallException("GET /v1/lists/key: the answer is not a list key");
        }
        if (listKey.key() == null || listKey.validUntil() == null || !decodes32(listKey.key())) {
            throw new HubCallException("GET /v1/lists/key: the answer holds no 32-byte key with its validUntil");
        }
        return listKey;
    }

    private static boolean decodes32(String key) {
        try {
            return Base64Url.decode(key).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code GET /v1/jwks}: the hub's signing key set. */
    JwkSet hubKeys() throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri("/v1/jwks"))
                .header("Accept", "application/jwk-set+json, application/json").GET());
        expect(answer, 200, "GET /v1/jwks");
        return JwkSet.parse(StrictJson.read(answer.body()));
    }

    /**
     * {@code POST /v1/lists/batches}: the batch as NDJSON with its signature, naming the epoch of the list key its
     * pseudonyms are under (empty: the hub's current one); the hub's answer, whatever it is.
     */
    Upload upload(ListPublication.Batch batch, Optional<String> epoch) throws IOException, InterruptedException {
        String query = "member=" + enc(memberId) + "&batchTag=" + enc(batch.manifest().batchTag()) + "&day="
                + batch.manifest().day() + epoch.map(e -> "&epoch=" + enc(e)).orElse("");
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri("/v1/lists/batches?" + query))
                .header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/json, application/problem+json")
                .header("Ymt-Batch-Signature", batch.signature())
                .header("Ymt-Client-Assertion", clientAssertion())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())));
        JsonNode body = null;
        try {
            body = answer.body().length == 0 ? null : StrictJson.read(answer.body());
        } catch (IOException e) {
            // not JSON: reported as the status alone
        }
        return new Upload(answer.statusCode(), body);
    }

    /**
     * One page of who looked at a person ({@code accesses} newest first, as the hub gave them) and the cursor of the
     * next one, if any. The hub knowing no look at the person for this platform is an empty log.
     */
    record AccessLog(JsonNode accesses, Optional<String> next) {}

    /** {@code GET /v1/audit/subjects/{listSub}} as the person's home platform, from {@code after} (or the start). */
    AccessLog subjectAccesses(String listSub, String after) throws IOException, InterruptedException {
        String path = "/v1/audit/subjects/" + enc(listSub) + (after == null ? "" : "?after=" + enc(after));
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/json, application/problem+json")
                .header("Ymt-Client-Assertion", clientAssertion()).GET());
        if (answer.statusCode() == 404) {
            // the hub answers 404 until an event names this platform as the person's home: nobody looked yet
            return new AccessLog(JsonNodeFactory.instance.arrayNode(), Optional.empty());
        }
        expect(answer, 200, "GET /v1/audit/subjects/{listSub}");
        JsonNode page;
        try {
            page = StrictJson.read(answer.body());
        } catch (IOException e) {
            throw new HubCallException("GET /v1/audit/subjects/{listSub}: the answer is not JSON");
        }
        if (!page.path("accesses").isArray()) {
            throw new HubCallException("GET /v1/audit/subjects/{listSub}: the answer holds no accesses");
        }
        return new AccessLog(page.get("accesses"), page.hasNonNull("next") ? Optional.of(page.get("next").asText())
                : Optional.empty());
    }

    private URI uri(String pathAndQuery) {
        return URI.create(hubUrl.toString().replaceAll("/+$", "") + pathAndQuery);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, Duration.ofSeconds(30));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expect(HttpResponse<byte[]> answer, int status, String what) throws HubCallException {
        if (answer.statusCode() != status) {
            throw new HubCallException(what + " answered HTTP " + answer.statusCode());
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

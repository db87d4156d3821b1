package org.yimatong.hub.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class RequestSizeLimitsTest {

    private static final String MEMBER = "ymt:member:520800";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void aJsonBodyOver64KiBIsRefusedWith413() {
        TestMembers.register(MEMBER, "http://localhost:9/m5208", key, "5208");
        String padding = "x".repeat(70 * 1024);

        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER)).contentType(ContentType.JSON)
                .body("{\"sub\":\"" + padding + "\",\"rgn\":\"520801\"}")
                .when().post("/v1/green-lookups").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/payload-too-large"));
    }

    @Test
    void aChunkedBodyWithoutALengthIsHeldToTheSameLimitAndAServedOneStillWorks() {
        TestMembers.register(MEMBER, "http://localhost:9/m5208", key, "5208");
        byte[] tenMegabytes = ("{\"sub\":\"" + "x".repeat(10 * 1024 * 1024) + "\",\"rgn\":\"520801\"}")
                .getBytes(StandardCharsets.US_ASCII);

        for (String path : List.of("/v1/green-lookups", "/v1/verifications", "/v1/appeals")) {
            given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER)).contentType(ContentType.JSON)
                    .body(new ByteArrayInputStream(tenMegabytes)) // no length known: sent chunked
                    .when().post(path).then()
                    .statusCode(413)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://yimatong.org/problems/payload-too-large"));
        }
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER)).contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(("{\"sub\":\"" + sub("chunked") + "\",\"rgn\":\"520801\"}")
                        .getBytes(StandardCharsets.US_ASCII)))
                .when().post("/v1/green-lookups").then()
                .statusCode(200).body("status", equalTo("GREEN"));
    }

    @ParameterizedTest
    @CsvSource({ "/v1/lists/batches, application/x-ndjson, 100000000", "/v1/verifications, application/json, 60000",
            "/v1/appeals, application/json, 60000" })
    void aCallerWithoutCredentialsIsAnsweredBeforeItsBodyArrives(String path, String type, long length)
            throws IOException {
        // a length within each endpoint's limit, 1 KiB of it sent: a hub that read bodies before authenticating
        // would wait here for the rest
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();

            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertEquals("HTTP/1.1 401 Unauthorized", statusLine);
        }
    }

    @Test
    void aBatchUploadMayBeFarLarger() {
        TestMembers.register(MEMBER, "http://localhost:9/m5208", key, "5208");
        List<ListEntry> entries = IntStream.range(0, 2_000)
                .mapToObj(i -> entry(sub("size-" + i), Colour.RED, "520801"))
                .sorted(java.util.Comparator.comparing(ListEntry::sub)).toList(); // canonical order: digested as it streams

        ListBatches.upload(key, MEMBER, "large-body", LocalDate.parse("2026-11-27"), entries)
                .statusCode(201).body("added", equalTo(2_000));
    }
}

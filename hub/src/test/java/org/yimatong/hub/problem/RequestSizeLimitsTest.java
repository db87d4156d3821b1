package org.yimatong.hub.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
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

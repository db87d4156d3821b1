package org.yimatong.hub.green;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class GreenLookupTest {

    private static final String MEMBER = "ymt:member:520600";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void listed() {
        TestMembers.register(MEMBER, "http://localhost:9/m5206", key, "5206");
        ListBatches.upload(key, MEMBER, "green-" + System.nanoTime(), LocalDate.parse("2026-11-27"), List.of(
                entry(sub("listed-red"), Colour.RED, "520601"),
                entry(sub("listed-yellow"), Colour.YELLOW, "520602"))).statusCode(201);
    }

    @Test
    void aListedSubjectIsAnsweredWithItsListColour() {
        lookup(sub("listed-red"), false).statusCode(200)
                .body("status", equalTo("RED")).body("source", equalTo("LIST"))
                .body("reason", equalTo("LISTED")).body("home", equalTo(MEMBER)).body("validUntil", notNullValue());
        lookup(sub("listed-yellow"), false).statusCode(200).body("status", equalTo("YELLOW"));
    }

    @Test
    void anUnlistedSubjectIsGreenFromTheListWithItsHome() {
        lookup(sub("never-listed"), false).statusCode(200)
                .body("status", equalTo("GREEN")).body("source", equalTo("LIST"))
                .body("home", equalTo(MEMBER)).body("checkedAt", notNullValue());
    }

    @Test
    void aMalformedSubjectIsRefused() {
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER)).contentType(ContentType.JSON)
                .body("{\"sub\":\"not-a-pseudonym\",\"rgn\":\"520601\"}")
                .when().post("/v1/green-lookups").then().statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("errors[0].pointer", equalTo("/sub"));
    }

    private ValidatableResponse lookup(String sub, boolean live) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER)).contentType(ContentType.JSON)
                .body("{\"sub\":\"" + sub + "\",\"rgn\":\"520601\",\"live\":" + live + "}")
                .when().post("/v1/green-lookups").then();
    }
}

package org.yimatong.hub.lists.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ListKeyTest {

    private static final String MEMBER = "ymt:member:520700";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void member() {
        TestMembers.register(MEMBER, "http://localhost:9/m5207", key, "5207");
    }

    @Test
    void aMemberGetsTheSameCurrentKeyEveryTimeAndNoCache() {
        String epoch = YearMonth.now(ZoneOffset.UTC).toString();
        String first = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .when().get("/v1/lists/key").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("epoch", equalTo(epoch)).body("alg", equalTo("HMAC-SM3"))
                .extract().path("key");
        String second = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", epoch)
                .when().get("/v1/lists/key").then().statusCode(200).extract().path("key");

        assertEquals(first, second);
        assertEquals(32, Base64.getUrlDecoder().decode(first).length);
    }

    @Test
    void thePreviousEpochIsServedForTheChangeoverButNoOlderOne() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", now.minusMonths(1).toString())
                .when().get("/v1/lists/key").then().statusCode(200);
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", now.minusMonths(2).toString())
                .when().get("/v1/lists/key").then().statusCode(404);
    }

    @Test
    void anUnauthenticatedCallerGetsNoKey() {
        given().when().get("/v1/lists/key").then().statusCode(401);
    }
}

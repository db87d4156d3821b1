package org.yimatong.hub.lists.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;

/**
 * One list key per epoch for the whole federation (REQ-LIST-11): this hub is not the root, so it hands out the key
 * its parent drew, never one of its own; platforms get it, clients never.
 */
@QuarkusTest
class ListKeyTest {

    private static final String MEMBER = "ymt:member:520700";
    private static final String DEPARTMENT = "ymt:member:520799";

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);
    private final Jwk departmentKey = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void members() {
        ParentListKeys.stub(ParentHubMock.client());
        TestMembers.register(MEMBER, "http://localhost:9/m5207", key, "5207");
        TestMembers.register(DEPARTMENT, "http://localhost:9/d5207", departmentKey);
    }

    @Test
    void aPlatformGetsTheKeyTheRootDrewNotOneOfThisHubs() {
        String epoch = YearMonth.now(ZoneOffset.UTC).toString();
        String first = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .when().get("/v1/lists/key").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("epoch", equalTo(epoch)).body("alg", equalTo("HMAC-SM3"))
                .extract().path("key");
        String second = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", epoch)
                .when().get("/v1/lists/key").then().statusCode(200).extract().path("key");

        assertArrayEquals(ParentListKeys.current(), Base64.getUrlDecoder().decode(first));
        assertArrayEquals(ParentListKeys.current(), Base64.getUrlDecoder().decode(second));
    }

    @Test
    void aClientRecordNeverGetsTheKey() {
        given().header("Ymt-Client-Assertion", TestMembers.assertion(departmentKey, DEPARTMENT))
                .when().get("/v1/lists/key").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/forbidden"));
    }

    @Test
    void thePreviousEpochIsServedForTheChangeoverButNoOlderOne() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String previous = given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", now.minusMonths(1).toString())
                .when().get("/v1/lists/key").then().statusCode(200)
                .body("epoch", equalTo(now.minusMonths(1).toString())).extract().path("key");
        assertArrayEquals(ParentListKeys.previous(), Base64.getUrlDecoder().decode(previous));
        given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .queryParam("epoch", now.minusMonths(2).toString())
                .when().get("/v1/lists/key").then().statusCode(404);
    }

    @Test
    void anUnauthenticatedCallerGetsNoKey() {
        given().when().get("/v1/lists/key").then().statusCode(401);
    }
}

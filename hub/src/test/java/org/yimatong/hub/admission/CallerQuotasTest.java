package org.yimatong.hub.admission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A member past its quota (ymt:member:720100 has 2 requests an hour in the test profile) is answered 429 with the
 * wait in Retry-After, and another member is not slowed by it.
 */
@QuarkusTest
class CallerQuotasTest {

    private static final String LIMITED = "ymt:member:720100";
    private static final String OTHER = "ymt:member:720200";

    private final Jwk limitedKey = Jwk.generate(SignatureProfile.SM2);
    private final Jwk otherKey = Jwk.generate(SignatureProfile.SM2);

    @Test
    void aMemberPastItsQuotaIsAnswered429AndOthersAreNot() {
        TestMembers.register(LIMITED, "http://localhost:9/m7201", limitedKey, "7201");
        TestMembers.register(OTHER, "http://localhost:9/m7202", otherKey, "7202");

        lookUp(limitedKey, LIMITED, "720101").statusCode(200);
        lookUp(limitedKey, LIMITED, "720101").statusCode(200);
        String retryAfter = lookUp(limitedKey, LIMITED, "720101").statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/quota-exceeded"))
                .body("status", equalTo(429))
                .extract().header("Retry-After");

        // a token comes back every half hour at 2 an hour
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 1_000 && seconds <= 1_800, retryAfter);
        for (int i = 0; i < 5; i++) {
            lookUp(otherKey, OTHER, "720201").statusCode(200);
        }
    }

    private static ValidatableResponse lookUp(Jwk key, String member, String region) {
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(key, member)).contentType(ContentType.JSON)
                .body("{\"sub\":\"" + ListBatches.sub("quota") + "\",\"rgn\":\"" + region + "\"}")
                .when().post("/v1/green-lookups").then();
    }
}

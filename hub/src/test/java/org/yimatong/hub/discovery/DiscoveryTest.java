package org.yimatong.hub.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DiscoveryTest {

    @Test
    void healthIsUpWithTheDatabaseConnected() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void entityConfigurationNamesThisHubAndItsKeySet() {
        given().when().get("/.well-known/yimatong")
                .then().statusCode(200)
                .body("entityId", equalTo("ymt:hub:test"))
                .body("kind", equalTo("HUB"))
                .body("jwks_uri", equalTo("http://localhost:8080/v1/jwks"))
                .body("algorithms", hasItems("SM2", "ES256"));
    }

    @Test
    void unknownPathIsAProblem() {
        given().when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/not-found"));
    }
}

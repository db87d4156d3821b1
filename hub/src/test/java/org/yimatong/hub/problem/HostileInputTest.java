package org.yimatong.hub.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Hostile and malformed requests, as a member and unauthenticated: each is answered 4xx with a problem document
 * (an OAuth error object on the token endpoints), never 5xx, and changes nothing.
 */
@QuarkusTest
class HostileInputTest {

    private static final String MEMBER = "ymt:member:490000";
    private static final Jwk KEY = Jwk.generate(SignatureProfile.SM2);

    @Inject
    Pool pool;

    @BeforeEach
    void member() {
        TestMembers.register(MEMBER, "http://localhost:9/m49", KEY, "49");
    }

    @Test
    void jsonOfTheWrongShapeIsA400Problem() {
        long before = rows();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        for (String path : List.of("/v1/verifications", "/v1/green-lookups", "/v1/appeals")) {
            for (String body : List.of("[]", "\"a string\"", "42", "null", "{\"code\":[1,2]}", deep, "{\"a\":",
                    "{\"code\":\"x\u0000y\"}")) {
                Response answer = given().header("Ymt-Client-Assertion", TestMembers.assertion(KEY, MEMBER))
                        .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                        .when().post(path);
                assertProblem(answer, path + " " + (body.length() > 20 ? body.substring(0, 20) : body));
            }
        }
        assertEquals(before, rows(), "nothing was stored");
    }

    @Test
    void malformedFormsOnTheTokenEndpointsAreOAuthErrors() {
        for (String path : List.of("/v1/token", "/v1/introspect")) {
            for (String form : List.of("%%%", "grant_type=%ZZ", "token=a%00b&token_type_hint=id_token", "=&=&=")) {
                Response answer = given().config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                        .contentType("application/x-www-form-urlencoded").body(form).when().post(path);
                int status = answer.statusCode();
                assertTrue(status >= 400 && status < 500, path + " " + form + " answered " + status + ": "
                        + answer.asString());
                answer.then().body("error", either(startsWith("invalid")).or(equalTo("unauthorized_client")));
            }
        }
    }

    @Test
    void aNulOrGarbageInAPathParameterIsA4xxProblem() {
        for (String path : List.of("/v1/members/ymt:member:4%00", "/v1/appeals/%00abc",
                "/v1/lists/batches/%00/provenance",
                "/v1/members/" + "x".repeat(2000))) {
            Response answer = given().header("Ymt-Client-Assertion", TestMembers.assertion(KEY, MEMBER))
                    .urlEncodingEnabled(false).when().get(path);
            assertProblem(answer, path.length() > 40 ? path.substring(0, 40) : path);
        }
    }

    private static void assertProblem(Response answer, String what) {
        int status = answer.statusCode();
        assertTrue(status >= 400 && status < 500, what + " answered " + status + ": " + answer.asString());
        assertTrue(String.valueOf(answer.contentType()).startsWith("application/problem+json"),
                what + " answered " + status + " " + answer.contentType() + ": " + answer.asString());
    }

    private long rows() {
        return pool.query("select (select count(*) from appeal) + (select count(*) from list_entry)").execute()
                .await().indefinitely().iterator().next().getLong(0);
    }
}

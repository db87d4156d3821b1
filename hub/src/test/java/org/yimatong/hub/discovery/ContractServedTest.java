package org.yimatong.hub.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ContractServedTest {

    @Test
    void openApiIsTheContractDocumentByteForByte() throws IOException {
        byte[] served = given().when().get("/q/openapi")
                .then().statusCode(200).contentType("application/yaml")
                .extract().asByteArray();

        assertArrayEquals(classpath("openapi/yimatong-v1.yaml"), served);
    }

    @Test
    void theDocumentsRelativeSchemaReferencesResolveOnTheHub() throws IOException {
        // '../schemas/problem.json' relative to /q/openapi
        byte[] served = given().when().get("/schemas/problem.json")
                .then().statusCode(200).contentType("application/schema+json")
                .extract().asByteArray();

        assertArrayEquals(classpath("schemas/problem.json"), served);
    }

    @Test
    void anUnknownSchemaIsANotFoundProblem() {
        given().when().get("/schemas/no-such-schema.json")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/not-found"));
    }

    private static byte[] classpath(String resource) throws IOException {
        try (InputStream in = ContractServedTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}

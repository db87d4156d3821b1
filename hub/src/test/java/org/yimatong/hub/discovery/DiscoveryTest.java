package org.yimatong.hub.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

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
                .body("jwks_uri", equalTo("http://localhost:" + RestAssured.port + "/v1/jwks"))
                .body("endpoints.oauth-authorization-server", equalTo("http://localhost:" + RestAssured.port
                        + "/.well-known/oauth-authorization-server"))
                .body("algorithms", hasItems("SM2", "ES256"));
    }

    @Test
    void authorizationServerMetadataNamesTheIssuerItsEndpointsAndTheMutualTlsMethods() {
        String issuer = "http://localhost:" + RestAssured.port;
        given().when().get("/.well-known/oauth-authorization-server")
                .then().statusCode(200).contentType("application/json")
                .body("issuer", equalTo(issuer))
                .body("ymt_entity", equalTo("ymt:hub:test"))
                .body("token_endpoint", equalTo(issuer + "/v1/token"))
                .body("introspection_endpoint", equalTo(issuer + "/v1/introspect"))
                .body("jwks_uri", equalTo(issuer + "/v1/jwks/oauth"))
                .body("grant_types_supported", contains("urn:ietf:params:oauth:grant-type:token-exchange",
                        "client_credentials"))
                // the tests' hub serves TLS with a trusted CA: both RFC 8705 methods besides private_key_jwt
                .body("token_endpoint_auth_methods_supported", contains("private_key_jwt", "tls_client_auth",
                        "self_signed_tls_client_auth"))
                .body("introspection_signing_alg_values_supported", contains("SM2", "ES256"))
                .body("tls_client_certificate_bound_access_tokens", equalTo(true));
    }

    @Test
    void theOAuthKeySetIsThePublishedOneWithoutSm2() {
        given().when().get("/v1/jwks").then().statusCode(200).body("keys.crv", hasItems("SM2", "P-256"));
        given().when().get("/v1/jwks/oauth").then().statusCode(200).body("keys.crv", everyItem(equalTo("P-256")))
                .body("keys", not(empty()));
    }

    @Test
    void unknownPathIsAProblem() {
        given().when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/not-found"));
    }
}

package org.yimatong.hub.testing;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.jose.ClientAssertion;

import io.restassured.http.ContentType;

/** Registers members through the admin API and signs their client assertions, as a real member would. */
public final class TestMembers {

    public static final String ADMIN = "Bearer test-admin-token";
    public static final String HUB_ID = "ymt:hub:test";

    private TestMembers() {
    }

    /** Registers (or replaces) an ACTIVE platform member serving {@code prefixes}, with {@code key}'s public part inline. */
    public static void register(String entityId, String baseUrl, Jwk key, String... prefixes) {
        register(entityId, "PLATFORM", baseUrl, key, "ACTIVE", prefixes);
    }

    public static void register(String entityId, String kind, String baseUrl, Jwk key, String status,
            String... prefixes) {
        String body = """
                {"entityId":"%s","displayName":"%s","kind":"%s","regionPrefixes":%s,"parent":"%s",
                 "baseUrl":"%s","dialect":"v1","jwks":%s,"status":"%s"}"""
                .formatted(entityId, entityId, kind, json(List.of(prefixes)), HUB_ID, baseUrl,
                        new JwkSet(List.of(key.publicOnly())).toJson(), status);
        int status1 = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/v1/admin/members/" + entityId).then().extract().statusCode();
        if (status1 != 200 && status1 != 201) {
            throw new IllegalStateException("could not register " + entityId + ": HTTP " + status1);
        }
    }

    /** A fresh client assertion of {@code memberId} for this test hub. */
    public static String assertion(Jwk key, String memberId) {
        return ClientAssertion.sign(key, memberId, HUB_ID, Instant.now());
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString();
    }
}

package org.yimatong.hub.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class MemberRegistryTest {

    @Inject
    Pool pool;

    @Inject
    MemberRegistry registry;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Test
    void anOnboardedMemberIsRoutableByItsPrefixAndShownWithoutPrivateDetails() {
        TestMembers.register("ymt:member:330100", "http://localhost:9/hz", key, "3301");
        TestMembers.register("ymt:member:330200", "http://localhost:9/nb", key, "3302");

        assertEquals("ymt:member:330100", registry.childServing("330106").orElseThrow().entityId());
        assertEquals("ymt:member:330200", registry.childServing("330205").orElseThrow().entityId());
        given().when().get("/v1/members/ymt:member:330200")
                .then().statusCode(200)
                .body("entityId", equalTo("ymt:member:330200"))
                .body("$", not(hasKey("baseUrl")))
                .body("$", not(hasKey("tlsCertSha256")));
    }

    @Test
    void putCreatesThenReplaces() {
        String body = record("ymt:member:340000", "34", "ACTIVE");
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/v1/admin/members/ymt:member:340000").then().statusCode(201);

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record("ymt:member:340000", "34", "SUSPENDED"))
                .when().put("/v1/admin/members/ymt:member:340000").then().statusCode(200)
                .body("status", equalTo("SUSPENDED"));
        assertEquals("SUSPENDED", registry.find("ymt:member:340000").orElseThrow().status().name());
    }

    @Test
    void postingAnExistingMemberIsAConflict() {
        TestMembers.register("ymt:member:350000", "http://localhost:9/fj", key, "35");

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record("ymt:member:350000", "35", "ACTIVE"))
                .when().post("/v1/admin/members").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/conflict"));
    }

    @Test
    void aCertificateBoundToOneMemberCannotBeBoundToAnother() {
        String fingerprint = "ab".repeat(32);
        String first = record("ymt:member:440100", "4401", "ACTIVE").replace("\"status\"",
                "\"tlsCertSha256\":\"" + fingerprint + "\",\"status\"");
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(first)
                .when().put("/v1/admin/members/ymt:member:440100").then().statusCode(201);
        String second = record("ymt:member:440200", "4402", "ACTIVE").replace("\"status\"",
                "\"tlsCertSha256\":\"" + fingerprint + "\",\"status\"");
        long before = members();

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(second)
                .when().put("/v1/admin/members/ymt:member:440200").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Another member is bound to this certificate"));
        assertEquals(before, members());
    }

    @Test
    void anInvalidRecordIsRefusedWithEveryFaultAndNothingStored() {
        long before = members();
        String body = """
                {"entityId":"member-without-scheme","displayName":"x","kind":"PLATFORM","regionPrefixes":["3"],
                 "parent":"ymt:hub:test","baseUrl":"http://members.example.org/api","dialect":"v1","status":"ACTIVE"}""";

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(body)
                .when().post("/v1/admin/members").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"))
                .body("errors.pointer", containsInAnyOrder("/entityId", "/regionPrefixes/0", "/baseUrl"));
        assertEquals(before, members());
    }

    @Test
    void aPrefixAlreadyServedByAnotherMemberIsRefused() {
        TestMembers.register("ymt:member:360000", "http://localhost:9/jx", key, "36");

        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record("ymt:member:360001", "36", "ACTIVE"))
                .when().put("/v1/admin/members/ymt:member:360001").then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/regionPrefixes"));
    }

    @Test
    void prefixesNeverNestUnderOneHub() {
        TestMembers.register("ymt:member:480100", "http://localhost:9/nest", key, "4801");
        long before = members();

        for (String[] nesting : new String[][]{ { "ymt:member:480000", "48" }, { "ymt:member:480101", "480101" } }) {
            given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                    .body(record(nesting[0], nesting[1], "ACTIVE"))
                    .when().put("/v1/admin/members/" + nesting[0]).then().statusCode(400)
                    .body("errors.pointer", containsInAnyOrder("/regionPrefixes"));
        }
        assertEquals(before, members());
    }

    @Test
    void theAdminApiNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body(record("ymt:member:370000", "37", "ACTIVE"))
                .when().put("/v1/admin/members/ymt:member:370000").then().statusCode(401);
        given().when().get("/v1/admin/members").then().statusCode(401);
    }

    @Test
    void anUnknownMemberIsNotFound() {
        given().when().get("/v1/members/ymt:member:999999").then().statusCode(404)
                .body("type", equalTo("https://yimatong.org/problems/not-found"));
    }

    @Test
    void aPlatformWithoutPrefixesIsAClientThatIsNeverRoutedTo() {
        String department = """
                {"entityId":"ymt:member:dept-320000-civil-affairs","displayName":"Jiangsu civil affairs","kind":"PLATFORM",
                 "regionPrefixes":[],"parent":"ymt:hub:test","baseUrl":"http://localhost:9/dept","dialect":"v1",
                 "jwks":{"keys":[%s]},"status":"ACTIVE"}"""
                .formatted(key.toJson());
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(department)
                .when().put("/v1/admin/members/ymt:member:dept-320000-civil-affairs").then().statusCode(201)
                .body("regionPrefixes", org.hamcrest.Matchers.empty());

        assertTrue(registry.find("ymt:member:dept-320000-civil-affairs").orElseThrow().regionPrefixes().isEmpty());
        for (String region : new String[]{ "110101", "320102", "990000" }) {
            assertTrue(registry.childServing(region).map(m -> !m.entityId().contains("dept-")).orElse(true), region);
        }
    }

    @Test
    void aHubWithoutPrefixesIsRefusedAndNothingIsStored() {
        long before = members();
        String hub = """
                {"entityId":"ymt:hub:empty","displayName":"empty","kind":"HUB","regionPrefixes":[],
                 "parent":"ymt:hub:test","baseUrl":"http://localhost:9/empty","dialect":"v1",
                 "jwks":{"keys":[%s]},"status":"ACTIVE"}""".formatted(key.toJson());
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(hub)
                .when().put("/v1/admin/members/ymt:hub:empty").then().statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.hasItem("/regionPrefixes"));
        assertEquals(before, members());
    }

    private String record(String id, String prefix, String status) {
        return """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":["%s"],
                 "parent":"ymt:hub:test","baseUrl":"http://localhost:9/m","dialect":"v1",
                 "jwks":{"keys":[%s]},"status":"%s"}""".formatted(id, id, prefix, key.toJson(), status);
    }

    private long members() {
        return pool.query("select count(*) from member").execute().await().indefinitely().iterator().next().getLong(0);
    }
}

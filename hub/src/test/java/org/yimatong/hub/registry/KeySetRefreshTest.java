package org.yimatong.hub.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class KeySetRefreshTest {

    private static final WireMockServer MEMBER = new WireMockServer(wireMockConfig().dynamicPort());

    @Inject
    MemberRegistry registry;

    @BeforeAll
    static void start() {
        MEMBER.start();
    }

    @AfterAll
    static void stop() {
        MEMBER.stop();
    }

    @Test
    void anUnknownKidFetchesTheKeySetOnceAndNotAgainWithinThirtySeconds() {
        Jwk oldKey = Jwk.generate(SignatureProfile.ES256);
        Jwk rotated = Jwk.generate(SignatureProfile.ES256);
        MEMBER.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(oldKey.publicOnly(), rotated.publicOnly())).toJson().toString())));
        String body = """
                {"entityId":"ymt:member:450000","displayName":"GX","kind":"PLATFORM","regionPrefixes":["45"],
                 "parent":"ymt:hub:test","baseUrl":"%s","dialect":"v1","jwks":{"keys":[%s]},
                 "jwksUri":"%s/jwks","status":"ACTIVE"}""".formatted(MEMBER.baseUrl(), oldKey.toJson(), MEMBER
                .baseUrl());
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/v1/admin/members/ymt:member:450000").then().statusCode(201);
        Member member = registry.find("ymt:member:450000").orElseThrow();

        assertTrue(registry.keysFor(member, rotated.kid()).await().indefinitely().resolve(rotated.kid()).isPresent());
        Member refreshed = registry.find("ymt:member:450000").orElseThrow();
        assertTrue(refreshed.keys().resolve(rotated.kid()).isPresent(), "the fetched key set is kept");

        String unknown = Jwk.generate(SignatureProfile.ES256).kid();
        assertFalse(registry.keysFor(refreshed, unknown).await().indefinitely().resolve(unknown).isPresent());
        MEMBER.verify(1, getRequestedFor(urlEqualTo("/jwks")));
    }

    @Test
    void aMemberRegisteredByItsJwksUriAloneHasItsKeysFetchedBeforeItsFirstCode() {
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        MEMBER.stubFor(get("/nanning/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(key.publicOnly())).toJson().toString())));
        String body = """
                {"entityId":"ymt:member:479900","displayName":"Nanning","kind":"PLATFORM","regionPrefixes":["4799"],
                 "parent":"ymt:hub:test","baseUrl":"%s","dialect":"v1","jwksUri":"%s/nanning/jwks","status":"ACTIVE"}"""
                .formatted(MEMBER.baseUrl(), MEMBER.baseUrl());
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/v1/admin/members/ymt:member:479900").then().statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("ymt:member:479900")
                .map(m -> m.keys().resolve(key.kid()).isPresent()).orElse(false));
        MEMBER.verify(1, getRequestedFor(urlEqualTo("/nanning/jwks")));
    }
}

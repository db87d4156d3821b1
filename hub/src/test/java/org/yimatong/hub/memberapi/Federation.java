package org.yimatong.hub.memberapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The members of the test tree, their keys and their codes. Every member platform is faked under
 * {@code /m<region>} of the {@link FakeFederation} server; the caller is a checkpoint platform, 610000. Other test classes own other
 * prefixes (the registry tests use 21, 22, 33, 34, 35, 36, 45), and a home that is made to fail is never shared,
 * since its breaker would decide the next test.
 */
public final class Federation {

    public static final String SHANGHAI = "ymt:member:310000";
    public static final String JIANGSU = "ymt:member:320000";
    public static final String GUANGDONG = "ymt:member:440000";
    public static final String CALLER = "ymt:member:610000";
    /** A child hub of the test hub, serving Henan (41). */
    public static final String EAST = "ymt:hub:east";

    public static final Jwk SHANGHAI_KEY = Jwk.generate(SignatureProfile.SM2);
    public static final Jwk JIANGSU_KEY = Jwk.generate(SignatureProfile.ES256);
    public static final Jwk GUANGDONG_KEY = Jwk.generate(SignatureProfile.SM2);
    public static final Jwk CALLER_KEY = Jwk.generate(SignatureProfile.SM2);
    public static final Jwk EAST_KEY = Jwk.generate(SignatureProfile.SM2);
    /** The parent hub's key, published at {@code /parent/v1/jwks} by {@link #publishParentKeys}. */
    public static final Jwk PARENT_KEY = Jwk.generate(SignatureProfile.SM2);

    private static final DynamicCodeCodec CODEC = new DynamicCodeCodec();

    private Federation() {
    }

    /** Registers Shanghai (SM2), Jiangsu (ES256) and the caller as active platforms of the test hub. */
    public static void registerMembers(WireMockServer wm) {
        TestMembers.register(SHANGHAI, wm.baseUrl() + "/m310000", SHANGHAI_KEY, "31");
        TestMembers.register(JIANGSU, wm.baseUrl() + "/m320000", JIANGSU_KEY, "32");
        TestMembers.register(CALLER, wm.baseUrl() + "/m610000", CALLER_KEY, "61");
    }

    /** Registers the child hub {@link #EAST} under {@code /east}. */
    public static void registerChildHub(WireMockServer wm) {
        TestMembers.register(EAST, "HUB", wm.baseUrl() + "/east", EAST_KEY, "ACTIVE", "41");
    }

    /** Lets the parent hub authenticate to the test hub with {@link #PARENT_KEY}. */
    public static void publishParentKeys(WireMockServer wm) {
        wm.stubFor(get(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json")
                .withBody(new JwkSet(List.of(PARENT_KEY.publicOnly())).toJson().toString())));
    }

    /**
     * How many verifications left the hub, to any node: background work (key fetches, list pulls, callbacks still
     * being redelivered for an earlier test) may reach the federation meanwhile, so other requests are not counted.
     */
    public static void verificationsForwarded(WireMockServer wm, int count) {
        wm.verify(count, postRequestedFor(urlMatching(".*/verifications")));
    }

    public static void noVerificationForwarded(WireMockServer wm) {
        verificationsForwarded(wm, 0);
    }

    /** A request from the caller platform, authenticated by a fresh client assertion. */
    public static RequestSpecification asCaller() {
        return asMember(CALLER_KEY, CALLER);
    }

    public static RequestSpecification asMember(Jwk key, String memberId) {
        return given().header(ClientAssertion.HEADER, TestMembers.assertion(key, memberId)).contentType(
                ContentType.JSON);
    }

    /** A fresh green code of {@code issuer}, region {@code rgn}. */
    public static String code(Jwk key, String issuer, String rgn) {
        return code(key, issuer, rgn, Instant.now().minusSeconds(5), 60);
    }

    public static String code(Jwk key, String issuer, String rgn, Instant issuedAt, long lifeSeconds) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(issuer, "sub-" + DynamicCodeCodec.newJti(), DynamicCodeCodec.newJti(),
                Colour.GREEN, rgn, iat, iat.plusSeconds(lifeSeconds));
        return CODEC.encode(claims, key);
    }

    /** The {@code jti} of a code made here. */
    public static String jti(String code) {
        return CODEC.decode(code).jti();
    }

    public static String verificationRequest(String code) {
        return """
                {"code":"%s","checkpoint":{"id":"gate-7","region":"610102","kind":"TRANSPORT"},"purpose":"entry"}"""
                .formatted(code);
    }

    /** A home platform's live answer. */
    public static String liveAnswer(String status, String home) {
        Instant now = Instant.now();
        return """
                {"status":"%s","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s"}"""
                .formatted(status, home, now, now.plusSeconds(60));
    }

    /** A URL on which nothing listens. */
    public static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://localhost:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.hub.venues.NoTrace;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * REQ-CODE-3 and REQ-CODE-4: how long a code may live is its issuer's policy (Gansu's codes live a day); such a code
 * is answered only by its issuer, live, never from its own signed colour; a code longer-lived than its issuer's
 * policy is refused, at the hub that holds the issuer's record, before anything is stored or sent (a hub on the way,
 * which does not know the policy, sends it on). A relative's code is answered as one. Prefixes 92 and 96 are this
 * test's.
 */
@QuarkusTest
class CodePolicyTest {

    private static final DynamicCodeCodec CODES = new DynamicCodeCodec();
    private static final String GANSU_LIKE = "ymt:member:920000";
    private static final String ONE_MINUTE = "ymt:member:960000";

    @InjectFederation
    WireMockServer wm;

    @Inject
    Pool pool;

    private final Jwk dayLongKey = Jwk.generate(SignatureProfile.SM2);
    private final Jwk minuteKey = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
        register(GANSU_LIKE, "/m92", dayLongKey, "92", ",\"codePolicy\":{\"maxLifetimeSeconds\":86400}");
        register(ONE_MINUTE, "/m96", minuteKey, "96", "");
    }

    @Test
    void aDayLongCodeIsCheckedLiveHoursAfterItWasIssuedAndUnknownWhenItsIssuerIsDown() {
        String code = code(dayLongKey, GANSU_LIKE, "920102", Duration.ofHours(3), Duration.ofHours(24), null);
        wm.stubFor(post(urlEqualTo("/m92/member/v1/verifications")).willReturn(json(Federation.liveAnswer("GREEN",
                GANSU_LIKE))));

        verify(code).body("status", equalTo("GREEN")).body("source", equalTo("LIVE"));

        wm.stubFor(post(urlEqualTo("/m92/member/v1/verifications")).willReturn(aResponse().withStatus(503)));
        // the code says GREEN, signed: that is never the answer for a day-long code
        verify(code).body("status", equalTo("UNKNOWN")).body("source", equalTo("NONE"))
                .body("reason", equalTo("HOME_UNAVAILABLE"));
        given().header("Authorization", TestMembers.ADMIN).when().get("/v1/admin/members/" + GANSU_LIKE)
                .then().statusCode(200).body("codePolicy.maxLifetimeSeconds", equalTo(86400));
        given().when().get("/v1/members/" + GANSU_LIKE).then().statusCode(200)
                .body("codePolicy.maxLifetimeSeconds", equalTo(86400));
    }

    @Test
    void aDayLongCodeOfAnIssuerWhosePolicyIsAMinuteIsRefusedAndNothingIsStoredOrSent() {
        String code = code(minuteKey, ONE_MINUTE, "960102", Duration.ofSeconds(10), Duration.ofHours(24), null);

        NoTrace before = NoTrace.before(pool, wm);
        asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/code-lifetime-too-long"));
        before.nothingStoredOrSent(code);
    }

    /**
     * Where "nothing sent" cannot hold: only the hub that holds the issuer's record (the issuer is its child platform)
     * knows the issuer's policy. A hub on the way (here, the code's region is outside this hub's subtree) checks the
     * code against the longest lifetime any policy may allow, a day, so a day-long code of an issuer whose policy is a
     * minute is sent on, and refused by the issuer's hub. The parent's refusal below is WireMock's stub: this test
     * proves that the code goes up and its refusal comes back as it was given, not the parent's check.
     */
    @Test
    void aDayLongCodeBoundForTheParentIsSentOnSinceOnlyTheIssuersHubKnowsItsPolicy() {
        String code = code(Federation.GUANGDONG_KEY, Federation.GUANGDONG, "440305", Duration.ofSeconds(10),
                Duration.ofHours(24), null);
        wm.stubFor(post(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/verifications")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type":"https://yimatong.org/problems/code-lifetime-too-long","title":"Code lifetime too long",
                         "status":400,"detail":"ymt:member:440000 allows 60 s"}""")));

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/code-lifetime-too-long"));

        wm.verify(1, postRequestedFor(urlEqualTo(FakeFederation.PARENT_PATH + "/v1/verifications"))
                .withRequestBody(containing(code)));
        Federation.verificationsForwarded(wm, 1);
    }

    @Test
    void aPolicyBeyondADayIsRefused() {
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record(ONE_MINUTE, "/m96", minuteKey, "96", ",\"codePolicy\":{\"maxLifetimeSeconds\":86401}"))
                .when().put("/v1/admin/members/" + ONE_MINUTE).then().statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.hasItem("/codePolicy/maxLifetimeSeconds"));
        given().header("Authorization", TestMembers.ADMIN).when().get("/v1/admin/members/" + ONE_MINUTE)
                .then().body("codePolicy", nullValue());
    }

    @Test
    void aRelativesCodeIsAnsweredAsOneEvenIfItsHomeLeavesThatOut() {
        String code = code(minuteKey, ONE_MINUTE, "960102", Duration.ofSeconds(5), Duration.ofSeconds(60),
                "holder-" + "9".repeat(20));
        wm.stubFor(post(urlEqualTo("/m96/member/v1/verifications")).willReturn(json(Federation.liveAnswer("GREEN",
                ONE_MINUTE))));

        verify(code).body("status", equalTo("GREEN")).body("dependant", equalTo(true));
        verify(code(minuteKey, ONE_MINUTE, "960102", Duration.ofSeconds(5), Duration.ofSeconds(60), null))
                .body("dependant", nullValue());
    }

    private static String code(Jwk key, String issuer, String rgn, Duration age, Duration life, String holder) {
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(age);
        String jti = DynamicCodeCodec.newJti();
        return CODES.encode(new CodeClaims(issuer, "sub-" + jti, jti, Colour.GREEN, rgn, iat, iat.plus(life), holder),
                key, DynamicCodeCodec.LONGEST_LIFETIME);
    }

    private void register(String id, String path, Jwk key, String prefix, String policy) {
        int status = given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .body(record(id, path, key, prefix, policy)).when().put("/v1/admin/members/" + id).then().extract()
                .statusCode();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("could not register " + id + ": HTTP " + status);
        }
    }

    private String record(String id, String path, Jwk key, String prefix, String policy) {
        return """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":["%s"],"parent":"%s",
                 "baseUrl":"%s","dialect":"v1","jwks":%s,"status":"ACTIVE"%s}"""
                .formatted(id, id, prefix, TestMembers.HUB_ID, wm.baseUrl() + path,
                        new JwkSet(List.of(key.publicOnly())).toJson(), policy);
    }

    private static ValidatableResponse verify(String code) {
        return asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(200);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

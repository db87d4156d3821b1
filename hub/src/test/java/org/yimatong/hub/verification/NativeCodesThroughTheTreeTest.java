package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimatong.hub.memberapi.Federation.CALLER;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.asMember;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;
import static org.yimatong.hub.testing.SoapGatewayAnswers.soap;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A platform's native code string (REQ-CODE-2) travels the tree like a signed code, by its region, and is answered
 * only {@code LIVE} or {@code UNKNOWN} at every hub on the way: up to the parent, down from a child hub to the home's
 * gateway, and also for a listed holder, whose colour the list raises without making the answer one a hub above
 * would refuse. Answers relayed by a hub are checked as a platform's are: a code living over 60 s is never answered
 * from its signed colour (REQ-CODE-3).
 *
 * <p>Prefixes 16 and 17 are this class's: two {@code soap-md5} homes (1601 answering, 1602 down) and two child hubs
 * (1701 relays native answers, 1702 relays signed ones), each with its own breaker.
 */
@QuarkusTest
class NativeCodesThroughTheTreeTest {

    private static final String HOME = "ymt:member:160100";
    private static final Jwk HOME_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final String HOME_GATEWAY = "/m160100" + "/services/HealthCodeService";
    private static final String DOWN_HOME = "ymt:member:160200";
    private static final String DOWN_GATEWAY = "/m160200" + "/services/HealthCodeService";
    private static final String RELAY = "ymt:hub:relay1701";
    private static final Jwk RELAY_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final String RELAY_API = "/relay1701/v1/verifications";
    private static final String SIGNED_RELAY = "ymt:hub:relay1702";
    private static final String SIGNED_RELAY_API = "/relay1702/v1/verifications";
    private static final String PARENT_API = FakeFederation.PARENT_PATH + "/v1/verifications";
    private static final String APP_ID = "ymt-hub-native-test";
    private static final DynamicCodeCodec CODEC = new DynamicCodeCodec();

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenTwoSoapHomesAndTwoChildHubs() {
        wm.resetAll();
        ParentListKeys.stub(ParentHubMock.client());
        Federation.registerMembers(wm);
        soapPlatform(HOME, "1601", HOME_KEY);
        soapPlatform(DOWN_HOME, "1602", Jwk.generate(SignatureProfile.SM2));
        TestMembers.register(RELAY, "HUB", wm.baseUrl() + "/relay1701", RELAY_KEY, "ACTIVE", "1701");
        TestMembers.register(SIGNED_RELAY, "HUB", wm.baseUrl() + "/relay1702", Jwk.generate(SignatureProfile.SM2),
                "ACTIVE", "1702");
    }

    @Test
    void aNativeCodeOfARegionOutsideTheSubtreeGoesToTheParentAndItsLiveAnswerComesBack() {
        String nativeCode = SoapMd5NativeCode.format("440306", serial());
        wm.stubFor(post(urlEqualTo(PARENT_API)).withRequestBody(containing(nativeCode))
                .willReturn(okJson(answer("GREEN", GUANGDONG, "LIVE", null))));

        asCaller().body(verificationRequest(nativeCode)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("GREEN"))
                .body("source", equalTo("LIVE"))
                .body("home", equalTo(GUANGDONG));

        // the string itself goes up, as the hub got it, with the routing headers and the hub's own identity
        wm.verify(1, postRequestedFor(urlEqualTo(PARENT_API))
                .withRequestBody(containing("\"code\":\"" + nativeCode + "\""))
                .withHeader("Ymt-Hop", WireMock.equalTo("7"))
                .withHeader("Ymt-Path", WireMock.equalTo(CALLER + "," + TestMembers.HUB_ID))
                .withHeader("Ymt-Client-Assertion", matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
        wm.verify(0, postRequestedFor(urlMatching("/m160[12]00/.*")));
        Federation.verificationsForwarded(wm, 1);
    }

    @Test
    void aListedHoldersNativeCodeFromAChildHubIsRaisedByTheListButStaysAnAnswerTheParentAccepts() {
        ResidentIdNumber holder = madeUpResident("620102");
        String listSub = holder.pseudonym(ParentListKeys.current());
        ListBatches.upload(HOME_KEY, HOME, "native-" + listSub.substring(0, 8), LocalDate.now(),
                List.of(ListBatches.entry(listSub, Colour.RED, "160101"))).statusCode(201);
        String nativeCode = SoapMd5NativeCode.format("160101", serial());
        // the gateway says GREEN and names the holder; the list says RED
        wm.stubFor(post(urlEqualTo(HOME_GATEWAY)).willReturn(soap("<ResultCode>0</ResultCode><CodeStatus>0</CodeStatus>"
                + "<StatusReason>00</StatusReason><IdNo>" + holder.value() + "</IdNo>")));

        String answered = asMember(RELAY_KEY, RELAY)
                .header("Ymt-Hop", "6").header("Ymt-Path", "ymt:member:170101," + RELAY)
                .body(verificationRequest(nativeCode)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("RED"))
                .body("reason", equalTo("LISTED"))
                // a native code is answered LIVE or UNKNOWN: the list raised the colour of a live answer
                .body("source", equalTo("LIVE"))
                .body("home", equalTo(HOME))
                .body("listSub", equalTo(listSub))
                .extract().asString();

        wm.verify(1, postRequestedFor(urlEqualTo(HOME_GATEWAY))
                .withRequestBody(containing("<hc:method>QueryCodeStatus</hc:method>"))
                .withRequestBody(containing(nativeCode)));
        // the holder's number went to nobody: only its pseudonym left the hub, to the child hub that asked
        wm.verify(0, postRequestedFor(urlMatching(".*")).withRequestBody(containing(holder.value())));
        assertFalse(answered.contains(holder.value()), "the answer names the holder by pseudonym only: " + answered);

        // the hub above is this same software: the very answer, relayed by a child hub for a native code, passes
        wm.stubFor(post(urlEqualTo(RELAY_API)).willReturn(okJson(answered)));
        asCaller().body(verificationRequest(SoapMd5NativeCode.format("170101", serial())))
                .when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("RED"))
                .body("source", equalTo("LIVE"))
                .body("$", not(hasKey("listSub")));
    }

    @Test
    void aNativeCodesAnswerFromTheListIsRefusedFromAChildHub() {
        wm.stubFor(post(urlEqualTo(RELAY_API)).willReturn(okJson(answer("RED", HOME, "LIST", null))));
        String nativeCode = SoapMd5NativeCode.format("170102", serial());

        asCaller().body(verificationRequest(nativeCode)).when().post("/v1/verifications")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", endsWith("/member-bad-answer"))
                .body("detail", containsString("native code from LIST"));
        wm.verify(1, postRequestedFor(urlEqualTo(RELAY_API)).withRequestBody(containing(nativeCode))
                .withHeader("Ymt-Path", WireMock.equalTo(CALLER + "," + TestMembers.HUB_ID)));
    }

    @Test
    void aNativeCodeWhoseHomesGatewayIsDownIsUnknownNeverAColour() {
        wm.stubFor(post(urlEqualTo(DOWN_GATEWAY)).willReturn(aResponse().withStatus(503)));
        String nativeCode = SoapMd5NativeCode.format("160201", serial());

        asCaller().body(verificationRequest(nativeCode)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("UNKNOWN"))
                .body("source", equalTo("NONE"))
                .body("reason", equalTo("HOME_UNAVAILABLE"))
                .body("home", equalTo(DOWN_HOME));

        wm.verify(1, postRequestedFor(urlEqualTo(DOWN_GATEWAY)).withRequestBody(containing(nativeCode)));
        Federation.noVerificationForwarded(wm);
    }

    @Test
    void aHubAnsweringALongLivedCodeFromItsSignedColourIsABadAnswer() {
        String issuer = "ymt:member:170200";
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        String hourLong = code(key, issuer, "170201", Duration.ofHours(1));
        String minute = code(key, issuer, "170202", Duration.ofSeconds(60));
        String hourLongLive = code(key, issuer, "170203", Duration.ofHours(1));
        wm.stubFor(post(urlEqualTo(SIGNED_RELAY_API)).withRequestBody(containing(hourLong))
                .willReturn(okJson(answer("GREEN", issuer, "SIGNED", null))));
        wm.stubFor(post(urlEqualTo(SIGNED_RELAY_API)).withRequestBody(containing(minute))
                .willReturn(okJson(answer("GREEN", issuer, "SIGNED", null))));
        wm.stubFor(post(urlEqualTo(SIGNED_RELAY_API)).withRequestBody(containing(hourLongLive))
                .willReturn(okJson(answer("GREEN", issuer, "LIVE", null))));

        asCaller().body(verificationRequest(hourLong)).when().post("/v1/verifications")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", endsWith("/member-bad-answer"))
                .body("detail", containsString(SIGNED_RELAY))
                .body("detail", containsString("3600 s"));
        // a code of a minute may be answered from its signed colour; an hour-long one answered live passes too
        asCaller().body(verificationRequest(minute)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("GREEN")).body("source", equalTo("SIGNED"));
        asCaller().body(verificationRequest(hourLongLive)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("GREEN")).body("source", equalTo("LIVE"));

        wm.verify(1, postRequestedFor(urlEqualTo(SIGNED_RELAY_API)).withRequestBody(containing(hourLong)));
        Federation.verificationsForwarded(wm, 3);
    }

    private void soapPlatform(String entityId, String prefix, Jwk key) {
        String member = """
                {"entityId":"%s","displayName":"%s (SOAP gateway)","kind":"PLATFORM","regionPrefixes":["%s"],
                 "parent":"%s","baseUrl":"%s","dialect":"soap-md5","jwks":%s,"status":"ACTIVE"}"""
                .formatted(entityId, entityId, prefix, TestMembers.HUB_ID,
                        wm.baseUrl() + "/m" + entityId.substring("ymt:member:".length()),
                        new JwkSet(List.of(key.publicOnly())).toJson());
        admin().body(member).put("/v1/admin/members/" + entityId).then().statusCode(oneOf(200, 201));
        admin().body("{\"credentialId\":\"" + APP_ID + "\",\"secret\":\"native-test-secret\",\"timeoutMs\":800}")
                .put("/v1/admin/members/" + entityId + "/adapter").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON);
    }

    /** A code of an issuer under a child hub, whose policy this hub does not know; issued 5 s ago. */
    private static String code(Jwk key, String issuer, String rgn, Duration life) {
        Instant iat = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String jti = DynamicCodeCodec.newJti();
        return CODEC.encode(new CodeClaims(issuer, "sub-" + jti, jti, Colour.GREEN, rgn, iat, iat.plus(life)), key,
                DynamicCodeCodec.LONGEST_LIFETIME);
    }

    private static String answer(String status, String home, String source, String listSub) {
        Instant now = Instant.now();
        return """
                {"status":"%s","home":"%s","source":"%s","checkedAt":"%s","validUntil":"%s"%s}"""
                .formatted(status, home, source, now, now.plusSeconds(60),
                        listSub == null ? "" : ",\"listSub\":\"" + listSub + "\"");
    }

    /** 20 random digits: a gateway's serial for one person's code. */
    private static String serial() {
        SecureRandom random = new SecureRandom();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** A made-up resident ID number with a valid check character, drawn per run. */
    private static ResidentIdNumber madeUpResident(String region) {
        SecureRandom random = new SecureRandom();
        String digits = region + "1990" + "0" + (1 + random.nextInt(9)) + "1" + (1 + random.nextInt(8))
                + String.format("%03d", random.nextInt(1000));
        return ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits));
    }
}

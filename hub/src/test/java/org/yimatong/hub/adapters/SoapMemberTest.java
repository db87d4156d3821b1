package org.yimatong.hub.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;
import static org.yimatong.hub.testing.SoapGatewayAnswers.soap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.soapmd5.SoapMd5Password;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.hub.venues.NoTrace;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A platform that speaks SOAP with an MD5 password ({@code soap-md5}) is a full member: codes it issued are
 * verified live through its adapter, with the credentials an operator set, inside the member's guard.
 */
@QuarkusTest
class SoapMemberTest {

    private static final String DAQING = "ymt:member:249900";
    private static final Jwk DAQING_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final String SERVICE = "/m249900/services/HealthCodeService";
    private static final String APP_ID = "ymt-hub-test";
    private static final String SECRET = "soap-secret-never-stored-in-clear";

    @InjectFederation
    WireMockServer wm;

    @Inject
    AgroalDataSource database;

    @Inject
    Clock hubClock;

    @Inject
    Pool pool;

    @BeforeEach
    void daqingSpeaksSoap() {
        wm.resetAll();
        Federation.registerMembers(wm);
        String member = """
                {"entityId":"%s","displayName":"Daqing (SOAP gateway)","kind":"PLATFORM","regionPrefixes":["2499"],
                 "parent":"%s","baseUrl":"%s","dialect":"soap-md5","jwks":%s,"status":"ACTIVE"}"""
                .formatted(DAQING, TestMembers.HUB_ID, wm.baseUrl() + "/m249900",
                        new JwkSet(List.of(DAQING_KEY.publicOnly())).toJson());
        admin().body(member).put("/v1/admin/members/" + DAQING).then().statusCode(oneOf(200, 201));
        admin().body("{\"credentialId\":\"" + APP_ID + "\",\"secret\":\"" + SECRET + "\",\"timeoutMs\":800}")
                .put("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(200)
                .body("credentialId", equalTo(APP_ID)).body("secretSet", equalTo(true)).body("secret", nullValue());
    }

    @Test
    void aDaqingCodeIsAnsweredLiveByItsSoapGatewayWithTheDailyPassword() {
        wm.stubFor(post(urlEqualTo(SERVICE)).willReturn(soap("<ResultCode>0</ResultCode><CodeStatus>2</CodeStatus>"
                + "<StatusReason>04</StatusReason>")));

        asCaller().body(verificationRequest(code(DAQING_KEY, DAQING, "249901"))).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("RED")).body("source", equalTo("LIVE")).body("home", equalTo(DAQING));

        String password = SoapMd5Password.of(APP_ID, "QueryCodeStatus", hubClock);
        wm.verify(1, postRequestedFor(urlEqualTo(SERVICE))
                .withRequestBody(containing("<hc:appId>" + APP_ID + "</hc:appId>"))
                .withRequestBody(containing("<hc:pwd>" + password + "</hc:pwd>"))
                .withRequestBody(containing("<hc:method>QueryCodeStatus</hc:method>")));
    }

    @Test
    void aDaqingNativeCodeStringIsRoutedByItsRegionAndAnsweredLiveByItsGateway() {
        wm.stubFor(post(urlEqualTo(SERVICE)).willReturn(soap("<ResultCode>0</ResultCode><CodeStatus>0</CodeStatus>"
                + "<StatusReason>00</StatusReason>")));
        String nativeCode = SoapMd5NativeCode.format("249901", "48120937561029384756");

        asCaller().body(verificationRequest(nativeCode)).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", equalTo("GREEN")).body("source", equalTo("LIVE")).body("home", equalTo(DAQING));

        wm.verify(1, postRequestedFor(urlEqualTo(SERVICE))
                .withRequestBody(containing("<hc:method>QueryCodeStatus</hc:method>"))
                .withRequestBody(containing("JKM1:249901:48120937561029384756")));
    }

    @Test
    void aStringNoDialectClaimsOrOneItsRegionsPlatformDoesNotPrintIsRefusedAndNothingIsStoredOrSent() {
        String unclaimed = "HELLO-NOT-A-CODE-42";
        NoTrace before = NoTrace.before(pool, wm);
        asCaller().body(verificationRequest(unclaimed)).when().post("/v1/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/native-code-unclaimed"));
        before.nothingStoredOrSent(unclaimed);

        // a well-formed soap-md5 string of Shanghai's region: Shanghai speaks v1 and prints no such codes
        String notShanghais = SoapMd5NativeCode.format("310101", "48120937561029384756");
        before = NoTrace.before(pool, wm);
        asCaller().body(verificationRequest(notShanghais)).when().post("/v1/verifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/native-code-unclaimed"));
        before.nothingStoredOrSent(notShanghais);

        wm.verify(0, postRequestedFor(urlEqualTo(SERVICE)));
    }

    @Test
    void anAnswerOutsideTheDialectIsA502NamingTheMemberNeverAColour() {
        wm.stubFor(post(urlEqualTo(SERVICE)).willReturn(soap("<ResultCode>0</ResultCode><CodeStatus>7</CodeStatus>"
                + "<StatusReason>00</StatusReason>")));

        asCaller().body(verificationRequest(code(DAQING_KEY, DAQING, "249901"))).when().post("/v1/verifications")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/member-bad-answer"))
                .body("detail", containsString(DAQING));
    }

    @Test
    void aGatewayThatRefusesTheHubsCredentialsIsNotTakenForAColourEither() {
        wm.stubFor(post(urlEqualTo(SERVICE)).willReturn(soap("<ResultCode>1001</ResultCode>")));

        asCaller().body(verificationRequest(code(DAQING_KEY, DAQING, "249901"))).when().post("/v1/verifications")
                .then().statusCode(502).body("type", equalTo("https://yimatong.org/problems/member-bad-answer"));
    }

    @Test
    void theSecretIsSealedInTheDatabaseAndNeverAnswered() throws SQLException {
        admin().get("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(200)
                .body("secretSet", equalTo(true)).body("secret", nullValue());
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from member_adapter where entity_id = '"
                        + DAQING + "' and secret_sealed is not null and position(convert_to('" + SECRET
                        + "', 'UTF8') in secret_sealed) = 0 and options not like '%" + SECRET + "%'")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void settingsWithoutTheSecretKeepTheStoredOneAndBadSettingsChangeNothing() {
        admin().body("{\"credentialId\":\"" + APP_ID + "\",\"options\":{\"validitySeconds\":\"30\"}}")
                .put("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(200)
                .body("secretSet", equalTo(true)).body("options.validitySeconds", equalTo("30"));
        admin().body("{\"credentialId\":\"has spaces\",\"timeoutMs\":5}")
                .put("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"));
        admin().get("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(200)
                .body("credentialId", equalTo(APP_ID)).body("options.validitySeconds", equalTo("30"));
        given().contentType(ContentType.JSON).body("{}").put("/v1/admin/members/" + DAQING + "/adapter")
                .then().statusCode(401);
    }

    @Test
    void aChangeWrittenByAnotherInstanceReachesThisOnesSnapshot() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update member_adapter set credential_id = 'changed-elsewhere' where entity_id = '"
                    + DAQING + "'");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin()
                .get("/v1/admin/members/" + DAQING + "/adapter").then().statusCode(200)
                .body("credentialId", equalTo("changed-elsewhere")));
    }

    @Test
    void aMemberInADialectNoAdapterSpeaksIsRefused() {
        String member = """
                {"entityId":"ymt:member:249800","displayName":"Daqing east","kind":"PLATFORM","regionPrefixes":["2498"],
                 "parent":"%s","baseUrl":"http://localhost:9/m249800","dialect":"corba-iiop","jwks":%s,"status":"ACTIVE"}"""
                .formatted(TestMembers.HUB_ID,
                        new JwkSet(List.of(DAQING_KEY.publicOnly())).toJson());
        admin().body(member).put("/v1/admin/members/ymt:member:249800").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/dialect"));
        admin().get("/v1/admin/members/ymt:member:249800").then().statusCode(404);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON);
    }

}

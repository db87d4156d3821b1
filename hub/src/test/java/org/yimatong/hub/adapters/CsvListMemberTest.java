package org.yimatong.hub.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.idnumber.ResidentIdNumber;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A platform that publishes its daily red/yellow list as a GBK CSV file with ID numbers in plain text
 * ({@code csv-list}): the hub pulls it through the adapter, which pseudonymises every number before the entries
 * reach the ingest path, so no ID number is in any table of the hub's database afterwards (REQ-LIST-1, REQ-PRIV-1).
 */
@QuarkusTest
class CsvListMemberTest {

    private static final String HEILONGJIANG = "ymt:member:230000";
    private static final Jwk KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Charset GBK = Charset.forName("GBK");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Valid numbers (GB 11643 check characters), one with an X, registered in Heilongjiang. */
    private static final List<String> IDS = List.of(withCheck("23010219850312004"), withCheck("23020319900101123"),
            withCheck("23060419771130456"));

    @InjectFederation
    WireMockServer wm;

    @Inject
    AgroalDataSource database;

    @Inject
    DailyListPull pulls;

    private final LocalDate day = LocalDate.now(CHINA);
    private final String file = "/m230000/lists/" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";

    @BeforeEach
    void heilongjiangPublishesAFile() {
        wm.resetAll();
        ParentListKeys.stub(ParentHubMock.client());
        Federation.registerMembers(wm);
        String member = """
                {"entityId":"%s","displayName":"Heilongjiang (daily file)","kind":"PLATFORM","regionPrefixes":["23"],
                 "parent":"%s","baseUrl":"%s","dialect":"csv-list","jwks":%s,"status":"ACTIVE"}"""
                .formatted(HEILONGJIANG, TestMembers.HUB_ID, wm.baseUrl() + "/m230000",
                        new JwkSet(List.of(KEY.publicOnly())).toJson());
        admin().body(member).put("/v1/admin/members/" + HEILONGJIANG).then().statusCode(Matchers.oneOf(200, 201));
        admin().body("{\"credentialId\":\"hub\",\"secret\":\"basic-pw\"}")
                .put("/v1/admin/members/" + HEILONGJIANG + "/adapter").then().statusCode(200);
    }

    @Test
    void theScheduledPullRunsOnOneInstanceOnly() throws SQLException {
        // whichever day the hub's clock says it is (the test's own date may differ around midnight in China)
        String anyDaysFile = "/m230000/lists/[0-9]{8}\\.csv";
        wm.stubFor(get(urlMatching(anyDaysFile)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv; charset=GBK").withBody(csv(row(IDS.get(0), "张三", "红")))));

        // another instance is pulling: it holds the daily pull's lock
        try (java.sql.Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            assertTrue(org.yimatong.hub.lists.ListLocks.tryLock(other,
                    org.yimatong.hub.lists.ListLocks.DAILY_PULL));
            pulls.scheduled();
            wm.verify(0, getRequestedFor(urlMatching(anyDaysFile)));
            other.rollback();
        }

        pulls.scheduled();
        wm.verify(1, getRequestedFor(urlMatching(anyDaysFile)));
    }

    @Test
    void thePulledListIsServedByPseudonymAndNoIdNumberIsInAnyTable() throws SQLException {
        serve(csv(row(IDS.get(0), "张三", "红"), row(IDS.get(1), "李四", "黄码"), row(IDS.get(2), "王五", "黄")));

        admin().post("/v1/admin/members/" + HEILONGJIANG + "/lists/pull?day=" + day + "&batchTag=pull-ok-" + day)
                .then().statusCode(201).body("count", Matchers.equalTo(3)).body("member", Matchers.equalTo(
                        HEILONGJIANG));

        byte[] listKey = listKey();
        greenLookup(ResidentIdNumber.parse(IDS.get(0)).pseudonym(listKey))
                .body("status", Matchers.equalTo("RED")).body("source", Matchers.equalTo("LIST"));
        greenLookup(ResidentIdNumber.parse(IDS.get(1)).pseudonym(listKey)).body("status", Matchers.equalTo("YELLOW"));
        // the member cannot sign a file; the hub vouches for the conversion with a key of its published set
        String kid = Federation.asCaller().get("/v1/lists/batches/pull-ok-" + day + "/provenance?member="
                + HEILONGJIANG)
                .then().statusCode(200).extract().path("kid");
        given().get("/v1/jwks").then().statusCode(200).body("keys.kid", Matchers.hasItem(kid));

        assertNoIdNumberInAnyTable();
    }

    @Test
    void aFileWithABadRowIsRefusedAsTheMembersFaultAndNothingIsStored() throws SQLException {
        long batchesBefore = count("select count(*) from list_batch where member = '" + HEILONGJIANG + "'");
        serve(csv(row(IDS.get(0), "张三", "红"), row("230102198503120099", "赵六", "红"), row(IDS.get(2), "王五", "紫")));

        admin().post("/v1/admin/members/" + HEILONGJIANG + "/lists/pull?day=" + day + "&batchTag=pull-bad-" + day)
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", Matchers.equalTo("https://yimatong.org/problems/member-bad-answer"))
                .body("detail", containsString(HEILONGJIANG))
                .body("errors.pointer", Matchers.hasItems("/line/3", "/line/4"))
                .body(Matchers.not(containsString("230102198503120099")));

        assertEquals(batchesBefore, count("select count(*) from list_batch where member = '" + HEILONGJIANG + "'"));
        assertNoIdNumberInAnyTable();
    }

    @Test
    void aFileThatIsNotThereIsTheMembersFaultAndAMemberOfAnotherDialectCannotBePulled() {
        wm.stubFor(get(urlEqualTo(file)).willReturn(aResponse().withStatus(404)));
        admin().post("/v1/admin/members/" + HEILONGJIANG + "/lists/pull?day=" + day).then().statusCode(502)
                .body("type", Matchers.equalTo("https://yimatong.org/problems/member-bad-answer"));
        admin().post("/v1/admin/members/" + Federation.SHANGHAI + "/lists/pull").then().statusCode(404)
                .contentType("application/problem+json");
        admin().post("/v1/admin/members/" + HEILONGJIANG + "/lists/pull?day=27-11-2026").then().statusCode(400)
                .body("errors[0].pointer", Matchers.equalTo("/query/day"));
    }

    /** Every text-like column of every table, searched for the 17-digit body of each number (so any check character). */
    private void assertNoIdNumberInAnyTable() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = database.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select table_schema, table_name, column_name,"
                    + " data_type"
                    + " from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema')"
                    + " and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')");
                    ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[]{ rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(
                            4) });
                }
            }
            assertTrue(columns.size() > 20, "the search sees the hub's tables: " + columns.size());
            for (String[] column : columns) {
                String value = "bytea".equals(column[3]) ? "encode(\"" + column[2] + "\", 'escape')"
                        : "\"" + column[2] + "\"::text";
                String sql = "select count(*) from \"" + column[0] + "\".\"" + column[1] + "\" where " + value
                        + " like ?";
                for (String id : IDS) {
                    try (PreparedStatement ps = connection.prepareStatement(sql)) {
                        ps.setString(1, "%" + id.substring(0, 17) + "%");
                        try (ResultSet rows = ps.executeQuery()) {
                            rows.next();
                            if (rows.getLong(1) > 0) {
                                found.add(column[1] + "." + column[2]);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rows = ps.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ValidatableResponse greenLookup(String sub) {
        return Federation.asCaller().body("{\"sub\":\"" + sub + "\",\"rgn\":\"230102\"}")
                .when().post("/v1/green-lookups").then().statusCode(200);
    }

    private byte[] listKey() {
        String key = given().header("Ymt-Client-Assertion", TestMembers.assertion(Federation.CALLER_KEY,
                Federation.CALLER))
                .when().get("/v1/lists/key").then().statusCode(200).extract().path("key");
        return Base64.getUrlDecoder().decode(key);
    }

    private void serve(byte[] body) {
        wm.stubFor(get(urlEqualTo(file)).withBasicAuth("hub", "basic-pw")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv; charset=GBK").withBody(
                        body)));
    }

    private String row(String id, String name, String colour) {
        LocalDateTime since = LocalDateTime.now(CHINA).minusDays(1).withNano(0);
        return id + "," + name + "," + colour + "," + since.format(TIME) + "," + since.plusDays(14).format(TIME)
                + ",01";
    }

    private static byte[] csv(String... rows) {
        return ("身份证号,姓名,码色,赋码时间,解除时间,原因代码\n" + String.join("\n", rows) + "\n").getBytes(GBK);
    }

    private static String withCheck(String body17) {
        return body17 + ResidentIdNumber.checkCharacter(body17);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON);
    }
}

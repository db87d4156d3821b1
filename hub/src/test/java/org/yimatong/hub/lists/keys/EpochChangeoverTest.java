package org.yimatong.hub.lists.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.jose.ClientAssertion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The monthly switch of the list key (REQ-LIST-11): next month's key is handed out a few days ahead, a member
 * uploads next month's list under it beside this month's, and nothing is removed or re-added in the feed.
 */
@QuarkusTest
class EpochChangeoverTest {

    private static final String MEMBER = "ymt:member:521400";
    private static final Jwk KEY = Jwk.generate(SignatureProfile.SM2);

    @Inject
    TestClock clock;

    @BeforeEach
    void aMemberThreeDaysBeforeTheMonthEnds() {
        ParentListKeys.stub(ParentHubMock.client());
        TestMembers.register(MEMBER, "http://localhost:9/m5214", KEY, "5214");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void nextMonthsListArrivesBesideThisMonthsWithoutRemovingIt() {
        ResidentIdNumber resident = madeUpResident();
        String thisMonth = resident.pseudonym(ParentListKeys.current());
        upload("this-month", null, List.of(ListBatches.entry(thisMonth, Colour.RED, "521401"))).statusCode(201);
        String before = ListBatches.endOfFeed(KEY, MEMBER);
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        given().header("Ymt-Client-Assertion", assertion()).queryParam("epoch", next.plusMonths(1)
                .toString()).when().get("/v1/lists/key").then().statusCode(404);

        clock.advance(Duration.between(Instant.now(), next.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .minusDays(3));
        String nextKey = given().header("Ymt-Client-Assertion", assertion())
                .queryParam("epoch", next.toString()).when().get("/v1/lists/key").then().statusCode(200)
                .body("epoch", equalTo(next.toString())).extract().path("key");
        assertArrayEquals(ParentListKeys.next(), Base64.getUrlDecoder().decode(nextKey));
        String nextMonth = resident.pseudonym(ParentListKeys.next());
        upload("next-month", next.toString(), List.of(ListBatches.entry(nextMonth, Colour.RED, "521401")))
                .statusCode(201);

        for (String sub : List.of(thisMonth, nextMonth)) {
            given().header("Ymt-Client-Assertion", assertion()).contentType("application/json").body("{\"sub\":\"" + sub
                    + "\",\"rgn\":\"521401\"}")
                    .when().post("/v1/green-lookups").then().statusCode(200).body("status", equalTo("RED"));
        }
        upload("too-far", next.plusMonths(1).toString(), List.of()).statusCode(400)
                .body("errors[0].pointer", equalTo("/query/epoch"));
        clock.reset();
        Set<String> feed = ListBatches.changesOf(KEY, MEMBER, before, MEMBER).stream().map(ListBatches.Change::summary)
                .collect(Collectors.toSet());
        assertEquals(Set.of("ADDED " + nextMonth + " RED"), feed, "next month's list adds; this month's stays");
    }

    /** A client assertion of the member at the hub's (moved) time. */
    private String assertion() {
        return ClientAssertion.sign(KEY, MEMBER, TestMembers.HUB_ID, clock.instant());
    }

    private ValidatableResponse upload(String tag, String epoch, List<ListEntry> entries) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        var request = given().header("Ymt-Client-Assertion", assertion())
                .header("Ymt-Batch-Signature", ListBatches.sign(KEY, MEMBER, tag, day, entries))
                .contentType("application/x-ndjson")
                .queryParam("member", MEMBER).queryParam("batchTag", tag).queryParam("day", day.toString());
        if (epoch != null) {
            request = request.queryParam("epoch", epoch);
        }
        return request.body(ListBatches.ndjson(entries).getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/lists/batches").then();
    }

    private static ResidentIdNumber madeUpResident() {
        SecureRandom random = new SecureRandom();
        String digits = "521401" + "1985" + String.format("%02d%02d%03d", 1 + random.nextInt(12), 1 + random.nextInt(
                28),
                random.nextInt(1000));
        return ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits));
    }
}

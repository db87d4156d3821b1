package org.yimatong.hub.lists.callbacks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.CallbackDebt;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * REQ-HA-1: a notification owed to a subscription is recorded in PostgreSQL, so one whose instance died before
 * delivering it (or whose redeliveries ran out) is delivered by the next sweep of any instance, and only once.
 */
@QuarkusTest
class OwedNotificationsAreNotLostTest {

    private static final String MEMBER = "ymt:member:790000";
    private static final String PATH = "/m79/member/v1/list-changes";
    private static WireMockServer member;

    private final Jwk key = Jwk.generate(SignatureProfile.SM2);

    @Inject
    CallbackNotifier notifier;

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallbackDebt debt;

    @Inject
    TestClock clock;

    @BeforeAll
    static void startMember() {
        member = new WireMockServer(options().dynamicPort());
        member.start();
    }

    @AfterAll
    static void stopMember() {
        member.stop();
    }

    @Test
    void aNotificationOwedByAnInstanceThatDiedIsDeliveredByTheNextSweepOnce() {
        String id = subscribedMember();
        // what an instance records before it posts, then dies: change 4242 owed, its claim already lapsed
        pool.preparedQuery("update list_subscription set due_seq = 4242, next_attempt_at = now() - interval '1 second'"
                + " where id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));

        assertEquals(1, sweep());

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id) == 4242);
        member.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.subscriptionId", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo(id)))
                .withRequestBody(matchingJsonPath("$.latestSeq", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("4242"))));
        assertEquals(0, sweep(), "delivered: nothing is owed any more");
        member.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.subscriptionId",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(id))));
    }

    @Test
    void changesCommitWithTheirDebtSoAnInstanceThatDiesRightAfterTheCommitOwesNothingUnpaid() throws Exception {
        String id = subscribedMember();
        long seq;
        // a commit of list changes, and then nothing: the instance died before its post-commit notification
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into list_change (op, member, sub,"
                    + " rgn, col, recorded_at, epoch) values ('REMOVED', ?, ?, '790102', null, now(), '2026-12')"
                    + " returning seq")) {
                insert.setString(1, MEMBER);
                insert.setString(2, "9".repeat(64));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
            }
            debt.owe(connection, seq, seq);
            connection.commit();
        }
        assertEquals(seq, due(id), "the debt committed with the change");
        assertEquals(0, sweep(), "claimed by the instance that committed, until the claim lapses");

        clock.advance(Duration.ofMinutes(16));
        try {
            assertEquals(1, sweep());
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id) == seq);
        } finally {
            clock.reset();
        }
        member.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.subscriptionId",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(id))));
    }

    /** The member, taking callbacks, subscribed to region 79's changes: the subscription's id. */
    private String subscribedMember() {
        member.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
        TestMembers.register(MEMBER, "http://localhost:" + member.port() + "/m79", key, "79");
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(key, MEMBER))
                .contentType(ContentType.JSON)
                .body("{\"callbackUrl\":\"http://localhost:" + member.port() + PATH + "\",\"regionPrefixes\":[\"79\"]}")
                .when().post("/v1/lists/subscriptions").then().statusCode(201).extract().path("id");
    }

    private long due(String id) {
        return pool.preparedQuery("select due_seq from list_subscription where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private int sweep() {
        return notifier.sweep().await().atMost(Duration.ofSeconds(5));
    }

    private long delivered(String id) {
        return pool.preparedQuery("select delivered_seq from list_subscription where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}

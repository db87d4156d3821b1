package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.jti;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class EachVerificationIsAuditedOnceTest {

    @InjectFederation
    WireMockServer wm;

    @Inject
    Pool pool;

    @BeforeEach
    void givenShanghai() {
        wm.resetAll();
        Federation.registerMembers(wm);
        wm.stubFor(post(urlEqualTo("/m310000/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(liveAnswer("GREEN", SHANGHAI))));
    }

    @Test
    void answeredVerificationIsOneEventAboutTheCode() {
        String code = code(SHANGHAI_KEY, SHANGHAI, "310104");

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(200);

        assertEquals(1, events(jti(code), "GREEN"));
    }

    @Test
    void refusedVerificationIsOneEventNamingTheRefusal() {
        String code = code(SHANGHAI_KEY, SHANGHAI, "310104", Instant.now().minusSeconds(300), 60);

        asCaller().body(verificationRequest(code)).when().post("/v1/verifications").then().statusCode(400);

        assertEquals(1, events(jti(code), "PROBLEM:code-expired"));
    }

    @Test
    void invalidRequestIsNotAVerificationAndWritesNothing() {
        long before = allEvents();

        asCaller().body("{\"code\":\"x\"}").when().post("/v1/verifications").then().statusCode(400);

        assertEquals(before, allEvents());
    }

    @Test
    void malformedJsonIsNotAVerificationAndWritesNothing() {
        long before = allEvents();

        asCaller().body("{\"code\": ").when().post("/v1/verifications")
                .then().statusCode(400)
                .contentType("application/problem+json");

        assertEquals(before, allEvents());
    }

    private long events(String jti, String outcome) {
        return pool.preparedQuery("select count(*) from audit_event where target = $1 and outcome = $2 and action = $3")
                .execute(Tuple.of(jti, outcome, AuditVerification.ACTION.name())).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private long allEvents() {
        return pool.query("select count(*) from audit_event").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }
}

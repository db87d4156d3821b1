package org.yimatong.hub.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.asMember;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * REQ-AUD-3 "who looked at me": the home platform of a person (the one that answers for them live) reads who verified
 * their codes, newest first, naming the checkpoint where a request began even when a child hub forwarded it; nobody
 * else can read it. Prefix 97 is this test's.
 */
@QuarkusTest
class SubjectAccessTest {

    private static final String HOME = "ymt:member:970000";
    private static final String PERSON = "5a".repeat(32);

    @InjectFederation
    WireMockServer wm;

    private final Jwk homeKey = Jwk.generate(SignatureProfile.SM2);

    @BeforeEach
    void givenAHomeThatAnswersForThePerson() {
        wm.resetAll();
        Federation.registerMembers(wm);
        Federation.registerChildHub(wm);
        TestMembers.register(HOME, wm.baseUrl() + "/m97", homeKey, "97");
        Instant now = Instant.now();
        wm.stubFor(post(urlEqualTo("/m97/member/v1/verifications")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"status":"GREEN","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s",
                         "listSub":"%s"}""".formatted(HOME, now, now.plusSeconds(60), PERSON))));
    }

    @Test
    void theHomeSeesEveryCheckpointThatVerifiedThePersonNewestFirstAndPaged() {
        for (int i = 0; i < 2; i++) {
            asCaller().body(verificationRequest(code(homeKey, HOME, "970102"))).when().post("/v1/verifications")
                    .then().statusCode(200).body("listSub", nullValue());
        }
        // a checkpoint in the child hub's subtree: the child hub forwards, the checkpoint is who looked
        asMember(Federation.EAST_KEY, Federation.EAST).header("Ymt-Path", "ymt:member:checkpoint-410102,"
                + Federation.EAST).header("Ymt-Hop", "7").body(verificationRequest(code(homeKey, HOME, "970102")))
                .when().post("/v1/verifications").then().statusCode(200);

        String next = asMember(homeKey, HOME).queryParam("limit", 2).when().get("/v1/audit/subjects/" + PERSON)
                .then().statusCode(200)
                .body("accesses", hasSize(2))
                .body("accesses[0].by", equalTo("ymt:member:checkpoint-410102"))
                .body("accesses[0].action", equalTo("VERIFICATION"))
                .body("accesses[0].outcome", equalTo("GREEN"))
                .body("accesses[0].purpose", equalTo("entry"))
                .body("accesses[1].by", equalTo(Federation.CALLER))
                .body("accesses[1].byName", equalTo(Federation.CALLER))
                .extract().path("next");
        asMember(homeKey, HOME).queryParam("limit", 2).queryParam("after", next).when()
                .get("/v1/audit/subjects/" + PERSON).then().statusCode(200)
                .body("accesses", hasSize(org.hamcrest.Matchers.greaterThanOrEqualTo(1)))
                .body("accesses[0].by", equalTo(Federation.CALLER));
    }

    @Test
    void nobodyButThePersonsHomeReadsTheLogAndBadRequestsAreProblems() {
        asCaller().body(verificationRequest(code(homeKey, HOME, "970102"))).when().post("/v1/verifications")
                .then().statusCode(200);

        // the checkpoint that looked, another platform, a person nobody answered for
        asCaller().when().get("/v1/audit/subjects/" + PERSON).then().statusCode(404)
                .contentType("application/problem+json");
        asMember(Federation.SHANGHAI_KEY, Federation.SHANGHAI).when().get("/v1/audit/subjects/" + PERSON)
                .then().statusCode(404);
        asMember(homeKey, HOME).when().get("/v1/audit/subjects/" + "0f".repeat(32)).then().statusCode(404);
        asMember(homeKey, HOME).when().get("/v1/audit/subjects/NOT-A-PSEUDONYM").then().statusCode(400)
                .body("type", equalTo("https://yimatong.org/problems/validation-failed"));
        asMember(homeKey, HOME).queryParam("after", "%%%").when().get("/v1/audit/subjects/" + PERSON).then()
                .statusCode(400);
    }
}

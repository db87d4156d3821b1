package org.yimatong.hub.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.hamcrest.Matchers.endsWith;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG;
import static org.yimatong.hub.memberapi.Federation.GUANGDONG_KEY;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI;
import static org.yimatong.hub.memberapi.Federation.SHANGHAI_KEY;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RefusedCodesNeverLeaveTheHubTest {

    @InjectFederation
    WireMockServer wm;

    @BeforeEach
    void givenTheFederation() {
        wm.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void forgedCodeIsRefused() {
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(SHANGHAI_KEY.kid());
        refused(code(forger, SHANGHAI, "310104"), "signature-invalid");
    }

    @Test
    void codeSignedWithAKeyShanghaiNeverHadIsRefused() {
        refused(code(Jwk.generate(SignatureProfile.SM2), SHANGHAI, "310104"), "unknown-key");
    }

    @Test
    void expiredCodeIsRefused() {
        refused(code(SHANGHAI_KEY, SHANGHAI, "310104", Instant.now().minusSeconds(300), 60), "code-expired");
    }

    @Test
    void futureDatedCodeIsRefused() {
        refused(code(SHANGHAI_KEY, SHANGHAI, "310104", Instant.now().plusSeconds(300), 60), "code-not-yet-valid");
    }

    @Test
    void malformedCodeIsRefused() {
        refused("not-a-code.at-all.really-not", "code-malformed");
    }

    @Test
    void expiredCodeBoundForTheParentIsRefusedHere() {
        refused(code(GUANGDONG_KEY, GUANGDONG, "440305", Instant.now().minusSeconds(300), 60), "code-expired");
    }

    @Test
    void futureDatedCodeBoundForTheParentIsRefusedHere() {
        refused(code(GUANGDONG_KEY, GUANGDONG, "440305", Instant.now().plusSeconds(300), 60), "code-not-yet-valid");
    }

    @Test
    void codeClaimingAShanghaiRegionButIssuedByAnotherMemberIsRefused() {
        refused(code(GUANGDONG_KEY, GUANGDONG, "310104"), "unknown-issuer");
    }

    private void refused(String code, String problem) {
        asCaller().body(verificationRequest(code)).when().post("/v1/verifications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/" + problem));

        Federation.noVerificationForwarded(wm);
        wm.verify(0, anyRequestedFor(anyUrl()).withRequestBody(containing(code)));
    }
}

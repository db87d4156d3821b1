package org.yimatong.hub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimatong.hub.memberapi.Federation.asCaller;
import static org.yimatong.hub.memberapi.Federation.code;
import static org.yimatong.hub.memberapi.Federation.liveAnswer;
import static org.yimatong.hub.memberapi.Federation.verificationRequest;

import java.nio.file.Path;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestCertificates;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * REQ-AUTH-3 in production form: a member served over https that requires a client certificate gets the hub's,
 * and no client assertion (no signature per call); over plain http to this machine the assertion is still sent.
 */
@QuarkusTest
class MembersSeeTheHubsCertificateTest {

    private static final String MEMBER = "ymt:member:760000";
    private static final String API = "/m760000/member/v1/verifications";
    private static final String SHANGHAI_API = "/m310000/member/v1/verifications";
    private static final Jwk KEY = Jwk.generate(SignatureProfile.SM2);
    private static WireMockServer certificateRequired;
    private static WireMockServer trustsAnotherCa;

    @InjectFederation
    WireMockServer wm;

    @BeforeAll
    static void membersThatRequireAClientCertificate() {
        certificateRequired = requiringCertificatesOf("ca-trust.p12");
        trustsAnotherCa = requiringCertificatesOf("stranger-ca-trust.p12");
    }

    private static WireMockServer requiringCertificatesOf(String trustStore) {
        Path tls = TestCertificates.directory();
        String password = new String(TestCertificates.PASSWORD);
        WireMockServer member = new WireMockServer(wireMockConfig().dynamicHttpsPort().httpDisabled(true)
                .keystorePath(tls.resolve("server.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(password).keyManagerPassword(password)
                .needClientAuth(true)
                .trustStorePath(tls.resolve(trustStore).toString()).trustStoreType("PKCS12")
                .trustStorePassword(password));
        member.start();
        return member;
    }

    @AfterAll
    static void stop() {
        certificateRequired.stop();
        trustsAnotherCa.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        certificateRequired.resetAll();
        trustsAnotherCa.resetAll();
        Federation.registerMembers(wm);
    }

    @Test
    void anHttpsMemberIsCalledWithTheHubsCertificateAndNoAssertion() {
        TestMembers.register(MEMBER, "https://localhost:" + certificateRequired.httpsPort() + "/m760000", KEY, "76");
        certificateRequired.stubFor(post(urlEqualTo(API)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(liveAnswer("GREEN", MEMBER))));

        asCaller().body(verificationRequest(code(KEY, MEMBER, "760102"))).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("source", Matchers.equalTo("LIVE"));

        // the member's server refuses a handshake without a certificate its CA signed, so the answer above proves
        // the hub presented one; what it did not need is the signed header
        certificateRequired.verify(1, postRequestedFor(urlEqualTo(API))
                .withHeader(ClientAssertion.HEADER, absent()));
    }

    @Test
    void aMemberThatDoesNotTrustTheHubsCertificateNeverAnswersIt() {
        String member = "ymt:member:830000";
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        TestMembers.register(member, "https://localhost:" + trustsAnotherCa.httpsPort() + "/m830000", key, "83");
        trustsAnotherCa.stubFor(post(urlEqualTo("/m830000/member/v1/verifications")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(liveAnswer("GREEN", member))));

        asCaller().body(verificationRequest(code(key, member, "830102"))).when().post("/v1/verifications")
                .then().statusCode(200)
                .body("status", Matchers.equalTo("UNKNOWN"))
                .body("reason", Matchers.equalTo("HOME_UNAVAILABLE"));

        // the handshake failed: no request reached the member, so the positive test above proves the certificate
        assertEquals(0, trustsAnotherCa.getAllServeEvents().size());
    }

    @Test
    void aPlainHttpMemberOnThisMachineStillGetsAnAssertion() {
        wm.stubFor(post(urlEqualTo(SHANGHAI_API))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(liveAnswer("GREEN", Federation.SHANGHAI))));

        asCaller().body(verificationRequest(code(Federation.SHANGHAI_KEY, Federation.SHANGHAI, "310104")))
                .when().post("/v1/verifications").then().statusCode(200);

        wm.verify(1, postRequestedFor(urlEqualTo(SHANGHAI_API))
                .withHeader(ClientAssertion.HEADER, matching("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")));
    }
}

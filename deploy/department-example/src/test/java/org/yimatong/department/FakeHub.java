package org.yimatong.department;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.Map;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The hub as a department sees it: {@code GET /v1/jwks} on a random port, listing what a hub with the default
 * {@code ymt.hub.signing-algorithms} (SM2, ES256) plus EdDSA publishes, SM2 first, in the hub's own JWK format. The
 * private keys reach the tests as system properties (the test and this resource may live in different class
 * loaders; strings cross them).
 */
public class FakeHub implements QuarkusTestResourceLifecycleManager {

    /** The hub's OAuth issuer, a URL as a real hub's (the fake is reached by another address, as behind a proxy). */
    static final String ISSUER = "https://hub.fake.example";
    static final String ENTITY = "ymt:hub:fake";
    static final String ES256_KEY = "fake-hub.es256-key";
    static final String SM2_KEY = "fake-hub.sm2-key";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        Jwk sm2 = Jwk.generate(SignatureProfile.SM2);
        Jwk es256 = Jwk.generate(SignatureProfile.ES256);
        Jwk eddsa = Jwk.generate(SignatureProfile.EDDSA);
        System.setProperty(ES256_KEY, es256.toPrivateJson().toString());
        System.setProperty(SM2_KEY, sm2.toPrivateJson().toString());
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/jwk-set+json")
                .withBody(new JwkSet(List.of(sm2, es256, eddsa)).toJson().toString())));
        return Map.of("department.hub.url", server.baseUrl(), "department.hub.issuer", ISSUER);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

package org.yimatong.hub.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.registry.KeySetFetcher;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;

/** The hub's one outbound client never follows a redirect: a key set URL answering 302 is a bad answer. */
@QuarkusTest
class RedirectsAreNotFollowedTest {

    @InjectFederation
    WireMockServer wm;

    @Inject
    KeySetFetcher fetcher;

    @Test
    void aKeySetUrlThatRedirectsIsRefusedAndTheTargetNeverAsked() {
        wm.stubFor(get(urlEqualTo("/moved/jwks")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", wm.baseUrl() + "/elsewhere/jwks")));
        wm.stubFor(get(urlEqualTo("/elsewhere/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(Jwk.generate(SignatureProfile.SM2).publicOnly())).toJson().toString())));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> fetcher.fetch(URI.create(wm.baseUrl() + "/moved/jwks")).await().indefinitely());

        assertEquals(ProblemType.MEMBER_BAD_ANSWER, refused.type());
        wm.verify(0, getRequestedFor(urlEqualTo("/elsewhere/jwks")));
    }
}

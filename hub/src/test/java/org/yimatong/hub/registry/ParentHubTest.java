package org.yimatong.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.smallrye.mutiny.Uni;

/** REQ-HA-3: a parent reachable at several addresses, tried in the order configured. */
class ParentHubTest {

    @Test
    void everyParentUrlIsKeptInOrderWithoutTrailingSlashes() {
        ParentHub parent = parent(Optional.of("ymt:hub:national"),
                List.of("https://hub-a.example/ ", " https://hub-b.example//"));

        assertTrue(parent.present());
        assertEquals(List.of(URI.create("https://hub-a.example"), URI.create("https://hub-b.example")),
                parent.baseUrls());
    }

    @Test
    void theRootHasNoParentEvenWithAStrayUrl() {
        assertFalse(parent(Optional.empty(), List.of("https://hub-a.example")).present());
        assertFalse(parent(Optional.of("ymt:hub:national"), List.of()).present());
    }

    @Test
    void theParentsKeySetComesFromTheFirstAddressThatAnswersWhichIsAskedFirstNextTime() {
        JwkSet first = new JwkSet(List.of(Jwk.generate(SignatureProfile.SM2).publicOnly()));
        Jwk rotated = Jwk.generate(SignatureProfile.SM2).publicOnly();
        List<URI> asked = new ArrayList<>();
        KeySetFetcher fetcher = new KeySetFetcher(null) {
            @Override
            public Uni<JwkSet> fetch(URI uri) {
                asked.add(uri);
                return uri.getHost().equals("hub-a.example")
                        ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                        : Uni.createFrom().item(asked.size() <= 2 ? first
                                : new JwkSet(List.of(first.keys().get(0), rotated)));
            }
        };
        TestClock clock = new TestClock();
        ParentHub parent = parent(Optional.of("ymt:hub:national"), List.of("https://hub-a.example",
                "https://hub-b.example"), fetcher, clock);
        String kid = first.keys().get(0).kid();

        KeyResolver keys = parent.keys(kid).await().indefinitely();

        assertTrue(keys.resolve(kid).isPresent(), "the key came from the second address");
        assertEquals(List.of(URI.create("https://hub-a.example/v1/jwks"), URI.create("https://hub-b.example/v1/jwks")),
                asked);

        // the parent signs with a new key: fetched again, from the address that answered, the first one not tried
        clock.advance(Duration.ofMinutes(1));
        assertTrue(parent.keys(rotated.kid()).await().indefinitely().resolve(rotated.kid()).isPresent());
        assertEquals(URI.create("https://hub-b.example/v1/jwks"), asked.get(2));
        assertEquals(3, asked.size(), "the address that did not answer is not asked again first");
    }

    private static ParentHub parent(Optional<String> id, List<String> urls) {
        return parent(id, urls, null, Clock.systemUTC());
    }

    private static ParentHub parent(Optional<String> id, List<String> urls, KeySetFetcher fetcher, Clock clock) {
        HubConfig config = new HubConfig() {
            @Override
            public String entityId() {
                return "ymt:hub:yrd";
            }

            @Override
            public String displayName() {
                return "yrd";
            }

            @Override
            public Optional<String> publicUrl() {
                return Optional.of("https://yrd.example");
            }

            @Override
            public Optional<String> parentEntityId() {
                return id;
            }

            @Override
            public Optional<List<String>> parentUrls() {
                return urls.isEmpty() ? Optional.empty() : Optional.of(urls);
            }

            @Override
            public Deployment deployment() {
                return Deployment.PRODUCTION;
            }

            @Override
            public List<String> signingAlgorithms() {
                return List.of("SM2");
            }
        };
        return new ParentHub(config, fetcher, clock);
    }
}

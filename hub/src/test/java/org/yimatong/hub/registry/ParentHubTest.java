package org.yimatong.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.config.HubConfig;

/** REQ-HA-3: a parent reachable at several addresses, tried in the order configured. */
class ParentHubTest {

    @Test
    void everyParentUrlIsKeptInOrderWithoutTrailingSlashes() {
        ParentHub parent = parent(Optional.of("ymt:hub:national"),
                List.of("https://hub-a.example/ ", " https://hub-b.example//"));

        assertTrue(parent.present());
        assertEquals(List.of(URI.create("https://hub-a.example"), URI.create("https://hub-b.example")),
                parent.baseUrls());
        assertEquals(Optional.of(URI.create("https://hub-a.example")), parent.baseUrl());
    }

    @Test
    void theRootHasNoParentEvenWithAStrayUrl() {
        assertFalse(parent(Optional.empty(), List.of("https://hub-a.example")).present());
        assertFalse(parent(Optional.of("ymt:hub:national"), List.of()).present());
    }

    private static ParentHub parent(Optional<String> id, List<String> urls) {
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
        return new ParentHub(config, null, Clock.systemUTC());
    }
}

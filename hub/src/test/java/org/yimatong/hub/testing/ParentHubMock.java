package org.yimatong.hub.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test hub's parent ({@value #ENTITY_ID}), played by WireMock on a free port. Tests stub it through
 * {@link #client()}, WireMock's admin API, because this resource and the tests live in different class loaders.
 */
public class ParentHubMock implements QuarkusTestResourceLifecycleManager {

    public static final String ENTITY_ID = "ymt:hub:parent-test";
    private static final String PORT_PROP = "ymt.test.parent.port";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        System.setProperty(PORT_PROP, String.valueOf(server.port()));
        return Map.of("ymt.hub.parent-entity-id", ENTITY_ID, "ymt.hub.parent-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A client of the running mock's admin API. */
    public static WireMock client() {
        return new WireMock("localhost", Integer.parseInt(System.getProperty(PORT_PROP)));
    }
}

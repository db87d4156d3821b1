package org.yimatong.hub.memberapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rest of the tree, faked by one WireMock server on a random port: each member platform and the parent hub
 * live under their own path ({@code /m310000}, {@code /east}, ...), the parent hub at the root. Shared by the whole test run (one
 * application boot), so it also makes this test hub a child of {@value #PARENT_ID}.
 */
public class FakeFederation implements QuarkusTestResourceLifecycleManager {

    public static final String PARENT_ID = "ymt:hub:parent";
    /** The parent hub is the server's root; members and child hubs live under their own paths. */
    public static final String PARENT_PATH = "";
    /** Where tests in other class loaders find the server (see {@code ParentHubMock}). */
    public static final String PORT_PROPERTY = "ymt.test.federation.port";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(32)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
        server.start();
        System.setProperty(PORT_PROPERTY, String.valueOf(server.port()));
        return Map.of("ymt.hub.parent-entity-id", PARENT_ID,
                "ymt.hub.parent-url", server.baseUrl() + PARENT_PATH);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectFederation.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

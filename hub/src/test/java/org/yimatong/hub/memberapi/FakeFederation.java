package org.yimatong.hub.memberapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The rest of the tree, faked by one WireMock server on a random port: each member platform and the parent hub
 * live under their own path ({@link #PARENT_PATH}, {@code /m310000}, ...). Shared by the whole test run (one
 * application boot), so it also makes this test hub a child of {@value #PARENT_ID}.
 */
public class FakeFederation implements QuarkusTestResourceLifecycleManager {

    public static final String PARENT_ID = "ymt:hub:parent";
    public static final String PARENT_PATH = "/parent";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(32)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(16));
        server.start();
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

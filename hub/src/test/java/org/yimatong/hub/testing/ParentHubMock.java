package org.yimatong.hub.testing;

import org.yimatong.hub.memberapi.FakeFederation;

import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The test hub's parent, as tests that cannot inject the shared WireMock server reach it: through WireMock's
 * admin API on the {@link FakeFederation} server, where the parent answers at the root.
 */
public final class ParentHubMock {

    public static final String ENTITY_ID = FakeFederation.PARENT_ID;

    private ParentHubMock() {
    }

    /** A client of the running server's admin API. */
    public static WireMock client() {
        return new WireMock("localhost", Integer.parseInt(System.getProperty(FakeFederation.PORT_PROPERTY)));
    }
}

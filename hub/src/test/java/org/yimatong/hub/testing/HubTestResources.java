package org.yimatong.hub.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Declares the test resources every {@code @QuarkusTest} of the hub shares: one embedded PostgreSQL
 * one test PKI and one parent hub (WireMock) for the whole run, so the application boots once.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ParentHubMock.class, restrictToAnnotatedClass = false)
public class HubTestResources {
}

package org.yimatong.hub.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Declares the test resources every {@code @QuarkusTest} of the hub shares: one embedded PostgreSQL,
 * one test PKI and the test secrets for the whole run, so the application boots once. The rest of the tree (members, the parent
 * hub) is {@code memberapi.FakeFederation}.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestCertificates.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestSecrets.class, restrictToAnnotatedClass = false)
public class HubTestResources {}

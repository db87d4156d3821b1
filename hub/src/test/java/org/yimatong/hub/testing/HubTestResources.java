package org.yimatong.hub.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Declares the test resources every {@code @QuarkusTest} of the hub shares: one embedded PostgreSQL
 * for the whole run, so the application boots once.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public class HubTestResources {
}

package org.yimatong.hub.memberapi;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares {@link FakeFederation} for the whole test run, like {@code HubTestResources}: one application boot. */
@QuarkusTestResource(value = FakeFederation.class, restrictToAnnotatedClass = false)
public class FederationTestResources {}

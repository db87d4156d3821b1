package org.yimatong.hub.discovery;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.config.HubConfig;

/** The hub's entity configuration: the one document a new member or a parent reads first. */
@Path("/.well-known/yimatong")
public class DiscoveryResource {

    static final String CONTRACT_VERSION = "v1";

    private final HubConfig hub;

    public DiscoveryResource(HubConfig hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public EntityConfiguration configuration() {
        String base = hub.publicUrl().replaceAll("/+$", "");
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("verifications", base + "/v1/verifications");
        endpoints.put("green_lookups", base + "/v1/green-lookups");
        endpoints.put("list_batches", base + "/v1/lists/batches");
        endpoints.put("list_changes", base + "/v1/lists/changes");
        endpoints.put("token", base + "/v1/token");
        endpoints.put("introspection", base + "/v1/introspect");
        endpoints.put("members", base + "/v1/members");
        endpoints.put("appeals", base + "/v1/appeals");
        endpoints.put("openapi", base + "/q/openapi");
        return new EntityConfiguration(hub.entityId(), hub.displayName(), "HUB", hub.parentEntityId().orElse(null),
                CONTRACT_VERSION, base + "/v1/jwks", endpoints, hub.signingAlgorithms());
    }
}

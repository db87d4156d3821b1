package org.yimatong.hub.discovery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.AuthorizationServerMetadata;
import org.yimatong.schemas.payload.EntityConfiguration;
import org.yimatong.schemas.payload.SignatureAlgorithm;

/** The hub's entity configuration: the one document a new member or a parent reads first. */
@Path("/.well-known/yimatong")
public class DiscoveryResource {

    private final EntityConfiguration configuration;

    public DiscoveryResource(HubConfig hub, PublicUrl publicUrl) {
        String base = publicUrl.base();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("verifications", URI.create(base + "/v1/verifications"));
        endpoints.put("green-lookups", URI.create(base + "/v1/green-lookups"));
        endpoints.put("list-batches", URI.create(base + "/v1/lists/batches"));
        endpoints.put("list-changes", URI.create(base + "/v1/lists/changes"));
        endpoints.put("token", URI.create(base + "/v1/token"));
        endpoints.put("introspection", URI.create(base + "/v1/introspect"));
        endpoints.put("members", URI.create(base + "/v1/members"));
        endpoints.put("appeals", URI.create(base + "/v1/appeals"));
        endpoints.put("openapi", URI.create(base + "/q/openapi"));
        endpoints.put("oauth-authorization-server", URI.create(base + AuthorizationServerMetadata.WELL_KNOWN_PATH));
        List<SignatureAlgorithm> algorithms = hub.signingAlgorithms().stream().map(SignatureAlgorithm::valueOf)
                .toList();
        this.configuration = new EntityConfiguration(hub.entityId(), hub.parentEntityId().orElse(null), MemberKind.HUB,
                EntityConfiguration.VERSION, null, endpoints, URI.create(base + "/v1/jwks"), algorithms,
                hub.deployment() == HubConfig.Deployment.DEVELOPMENT ? EntityConfiguration.DEVELOPMENT : null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public EntityConfiguration configuration() {
        return configuration;
    }
}

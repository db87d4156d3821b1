package org.yimatong.hub.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.jboss.resteasy.reactive.Cache;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hub's public key set (RFC 7517), which members and departments verify the hub's signatures with. */
@Path("/v1/jwks")
public class JwksResource {

    private final HubKeyRing keyRing;

    public JwksResource(HubKeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @GET
    @Produces("application/jwk-set+json")
    @Cache(maxAge = 300)
    public ObjectNode jwks() {
        return keyRing.publishedKeys().toJson();
    }
}

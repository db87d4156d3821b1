package org.yimatong.hub.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.jboss.resteasy.reactive.Cache;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hub's public key set (RFC 7517), which members and departments verify the hub's signatures with; and the same
 * without its SM2 keys for OAuth libraries (the {@code jwks_uri} of its RFC 8414 metadata), which refuse a whole set
 * over one key on a curve JOSE has not registered.
 */
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

    /** The published keys on the curves registered for JOSE (P-256, Ed25519): no SM2. */
    @GET
    @Path("oauth")
    @Produces("application/jwk-set+json")
    @Cache(maxAge = 300)
    public ObjectNode oauthJwks() {
        return new JwkSet(keyRing.publishedKeys().keys().stream().filter(k -> k.profile() != SignatureProfile.SM2)
                .toList()).toJson();
    }
}

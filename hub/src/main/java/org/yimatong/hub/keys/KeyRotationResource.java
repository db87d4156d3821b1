package org.yimatong.hub.keys;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.KeyRotationRequest;
import org.yimatong.schemas.payload.KeyRotationResult;
import org.yimatong.schemas.payload.validation.Validation;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /v1/admin/keys/rotate}: an operator rotates one of the hub's signing keys now. The new key is
 * published at once and signs after {@code publishAheadSeconds} (default {@code ymt.keys.rotation.publish-ahead}).
 * {@code retireAfterSeconds} is accepted but the old key's retention is the rotation policy's: until the last
 * token it signed has expired.
 */
@Path("/v1/admin/keys/rotate")
@RolesAllowed(Roles.OPERATOR)
public class KeyRotationResource {

    private final HubKeyRing ring;
    private final KeysConfig config;

    public KeyRotationResource(HubKeyRing ring, KeysConfig config) {
        this.ring = ring;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<KeyRotationResult> rotate(KeyRotationRequest request) {
        Validation.requireValid(request);
        Duration ahead = request.publishAheadSeconds() == null ? config.rotation().publishAhead()
                : Duration.ofSeconds(request.publishAheadSeconds());
        return ring.rotate(request.alg().profile(), ahead);
    }
}

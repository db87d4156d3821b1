package org.yimatong.hub.purposes;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.PurposePolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/purposes}: the purpose policy this hub applies, public, so a checkpoint knows what it may ask for and
 * a member what it may be asked. As {@code application/jwt} it is signed by this hub ({@code typ} {@value #TYP},
 * claims: the policy with {@code iss} and {@code iat}), to be checked against {@code /v1/jwks}. The signature is made
 * once per policy version and signing key, not per request: the endpoint is public.
 */
@Path("/v1/purposes")
public class PurposeResource {

    public static final String TYP = "ymt-purpose-policy+jwt";
    private static final ObjectMapper JSON = PayloadJson.mapper();

    private final PurposePolicies policies;
    private final HubKeyRing keys;
    private final HubConfig hub;
    private final Clock clock;
    private final AtomicReference<Signed> signed = new AtomicReference<>();

    /** The policy of {@code version} signed with key {@code kid}. */
    private record Signed(int version, String kid, String jws) {}

    public PurposeResource(PurposePolicies policies, HubKeyRing keys, HubConfig hub, Clock clock) {
        this.policies = policies;
        this.keys = keys;
        this.hub = hub;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PurposePolicy policy() {
        return policies.current();
    }

    @GET
    @Produces("application/jwt")
    public String signedPolicy() throws JsonProcessingException {
        PurposePolicy policy = policies.current();
        Jwk key = keys.signingKey();
        Signed held = signed.get();
        if (held != null && held.version() == policy.version() && Objects.equals(held.kid(), key.kid())) {
            return held.jws();
        }
        ObjectNode claims = JSON.createObjectNode().put("iss", hub.entityId()).put("iat", clock.instant()
                .getEpochSecond());
        claims.setAll((ObjectNode) JSON.valueToTree(policy));
        String jws = JwsSigner.sign(key, TYP, JSON.writeValueAsBytes(claims));
        signed.set(new Signed(policy.version(), key.kid(), jws));
        return jws;
    }
}

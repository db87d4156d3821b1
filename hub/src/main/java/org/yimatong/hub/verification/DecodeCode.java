package org.yimatong.hub.verification;

import java.time.Clock;
import java.util.EnumSet;

import jakarta.inject.Singleton;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.smallrye.mutiny.Uni;

/**
 * The loop guard, then the code taken apart (compact JWS, {@code ymt-code+jwt}, claims in the contract's shape),
 * nothing verified yet: from here on, a refusal is audited with the code's {@code jti} and home.
 */
@Singleton
public class DecodeCode extends UniStep<Verification> {

    private final DynamicCodeCodec codec;
    private final HubConfig hub;

    public DecodeCode(HubConfig hub, Clock clock, VerificationConfig config) {
        super(Verification.class);
        this.hub = hub;
        this.codec = new DynamicCodeCodec(clock, config.codeSkew(), EnumSet.allOf(SignatureProfile.class));
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        v.hops().arrivingAt(hub.entityId());
        return Uni.createFrom().item(v.decodedAs(codec.parse(v.request().code())));
    }
}

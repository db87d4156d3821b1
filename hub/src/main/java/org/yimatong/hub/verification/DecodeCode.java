package org.yimatong.hub.verification;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.hub.adapters.MemberAdapters;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.code.CodeKind;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * The loop guard, then the code taken apart (compact JWS, {@code ymt-code+jwt}, claims in the contract's shape), or a
 * string that is no JWS recognised as a platform's native code by its dialect; nothing verified yet: from here on, a
 * refusal is audited with the code's {@code jti} (a native code's id) and home.
 */
@Singleton
public class DecodeCode extends UniStep<Verification> {

    private final DynamicCodeCodec codec;
    private final HubConfig hub;
    private final MemberAdapters adapters;

    public DecodeCode(HubConfig hub, Clock clock, VerificationConfig config, MemberAdapters adapters) {
        super(Verification.class);
        this.hub = hub;
        this.adapters = adapters;
        this.codec = new DynamicCodeCodec(clock, config.codeSkew(), EnumSet.allOf(SignatureProfile.class));
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        v.hops().arrivingAt(hub.entityId());
        String code = v.request().code();
        // shaped like a JWS (three base64url parts) is a JWS, well formed or not: code-malformed, never native
        if (CodeKind.of(code) != CodeKind.NOT_JWS || Patterns.COMPACT_JWS.matcher(code).matches()) {
            return Uni.createFrom().item(v.decodedAs(codec.parse(code)));
        }
        // no JWS: a platform's own code string, if one of the dialects recognises it (REQ-CODE-2)
        for (NativeCodes dialect : adapters.nativeCodes()) {
            Optional<NativeCode> recognised = dialect.recognise(code);
            if (recognised.isPresent()) {
                return Uni.createFrom().item(v.recognisedAs(recognised.get()));
            }
        }
        throw new ProblemException(ProblemType.NATIVE_CODE_UNCLAIMED,
                "The code is no JWS, and no member's dialect recognises it as one of its own codes");
    }
}

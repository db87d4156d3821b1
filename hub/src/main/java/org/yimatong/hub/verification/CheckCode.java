package org.yimatong.hub.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import jakarta.inject.Singleton;

import org.yimatong.hub.adapters.MemberAdapters;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.hub.routing.RouteDecision;
import org.yimatong.hub.routing.TreeRouter;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.code.DynamicCodeCodec.DecodedCode;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.revocation.RevocationList;

import io.smallrye.mutiny.Uni;

/**
 * Route and verify a decoded code. The signature and the issuer's code policy (how long its codes may live) are checked
 * only where this hub holds the issuer's record and keys (the issuer is a direct child platform); a code going to a
 * child hub or the parent is checked for structure, freshness and the longest lifetime any policy allows here, so
 * garbage never travels. A refusal is a problem and no call leaves the hub.
 */
@Singleton
public class CheckCode extends UniStep<Verification> {

    private final DynamicCodeCodec codec;
    private final MemberDirectory members;
    private final TreeRouter router;
    private final HubConfig hub;
    private final Clock clock;
    private final Duration unknownValidFor;
    private final RevocationList revocations;
    private final MemberAdapters adapters;

    public CheckCode(MemberDirectory members, TreeRouter router, HubConfig hub, Clock clock, VerificationConfig config,
            RevocationList revocations, MemberAdapters adapters) {
        super(Verification.class);
        this.adapters = adapters;
        this.revocations = revocations;
        this.members = members;
        this.router = router;
        this.hub = hub;
        this.clock = clock;
        this.unknownValidFor = config.unknownValidFor();
        this.codec = new DynamicCodeCodec(clock, config.codeSkew(), EnumSet.allOf(SignatureProfile.class));
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        if (v.isNative()) {
            return Uni.createFrom().item(nativeCode(v));
        }
        DecodedCode decoded = v.decoded();
        CodeClaims unverified = decoded.claims();
        RouteDecision decision = router.route(unverified.rgn());
        if (decision instanceof RouteDecision.ToChild child && child.member().kind() == MemberKind.PLATFORM) {
            Member home = child.member();
            if (!home.entityId().equals(unverified.iss())) {
                throw new ProblemException(ProblemType.UNKNOWN_ISSUER, "Region " + unverified.rgn() + " is served by "
                        + home.entityId() + ", not by the code's issuer");
            }
            String kid = decoded.kid();
            if (kid == null) {
                throw new ProblemException(ProblemType.CODE_MALFORMED, "The code's header names no key (kid)");
            }
            return members.keysFor(home, kid).map(keys -> {
                Instant now = clock.instant();
                return routeTo(v.verified(codec.verify(decoded, keys, now, home.codeMaxLifetime())), decision, now);
            });
        }
        Instant now = clock.instant();
        // the issuer's own policy is known where its keys are; on the way there, no code may outlive the longest
        codec.checkTimes(unverified, now, DynamicCodeCodec.LONGEST_LIFETIME);
        return Uni.createFrom().item(routeTo(v, decision, now));
    }

    /**
     * A native code goes where its region routes it, like any code; where its home is a child platform, that
     * platform's dialect must recognise it too, and it is checked live there (REQ-CODE-2).
     */
    private Verification nativeCode(Verification v) {
        RouteDecision decision = router.route(v.nativeCode().rgn());
        Verification routed = v;
        if (decision instanceof RouteDecision.ToChild child && child.member().kind() == MemberKind.PLATFORM) {
            Member home = child.member();
            boolean claimed = adapters.nativeCodes(home.dialect()).flatMap(dialect -> dialect.recognise(v.request()
                    .code())).filter(code -> code.rgn().equals(v.nativeCode().rgn())).isPresent();
            if (!claimed) {
                throw new ProblemException(ProblemType.NATIVE_CODE_UNCLAIMED, "Region " + v.nativeCode().rgn()
                        + " is served by " + home.entityId() + ", whose dialect does not print this code");
            }
            routed = v.nativeOf(home.entityId());
            if (!home.isActive()) {
                Instant now = clock.instant();
                return routed.answered(VerificationResult.homeUnavailable(home.entityId(), now, now.plus(
                        unknownValidFor)));
            }
        }
        return routed.routedTo(Peer.of(decision), v.hops().notBackTo(decision.entityId()).forwardedBy(hub
                .entityId(), v.caller().entityId()));
    }

    /**
     * Where the request goes; or, without a call, UNKNOWN for a code its issuer revoked (a lost device: reason
     * {@code REVOKED}) and for a child that is not active.
     */
    private Verification routeTo(Verification v, RouteDecision decision, Instant now) {
        if (revocations.isRevoked(v.claims().iss(), v.claims().jti(), now)) {
            return v.answered(new VerificationResult(VerificationStatus.UNKNOWN, v.claims().iss(), AnswerSource.NONE,
                    now, now.plus(unknownValidFor), ReasonCode.REVOKED));
        }
        if (decision instanceof RouteDecision.ToChild child && !child.member().isActive()) {
            return v.answered(VerificationResult.homeUnavailable(v.claims().iss(), now, now.plus(unknownValidFor)));
        }
        return v.routedTo(Peer.of(decision),
                v.hops().notBackTo(decision.entityId()).forwardedBy(hub.entityId(), v.caller().entityId()));
    }
}

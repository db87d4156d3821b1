package org.yimatong.hub.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.yimatong.hub.memberapi.MemberBadAnswerException;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberRefusedException;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.routes.UniStep;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * Asks the home platform, or the hub on the way to it. Down, slow or an open breaker gives UNKNOWN with
 * {@code HOME_UNAVAILABLE}, never RED (REQ-VER-4); a platform that does not know the code gives UNKNOWN with
 * {@code NOT_FOUND_AT_HOME}; an answer outside the contract is a 502; a hub's refusal is passed back.
 */
@Singleton
public class CallHome extends UniStep<Verification> {

    /**
     * The longest a code may live and still be answered from its own signed colour (REQ-CODE-3): 60 s, whatever
     * its issuer's policy allows; a longer-lived code is only ever answered live by its issuer.
     */
    static final Duration LONGEST_SIGNED_ANSWER = Duration.ofSeconds(60);

    private final MemberClient client;
    private final Clock clock;
    private final Duration unknownValidFor;

    public CallHome(MemberClient client, Clock clock, VerificationConfig config) {
        super(Verification.class);
        this.client = client;
        this.clock = clock;
        this.unknownValidFor = config.unknownValidFor();
    }

    @Override
    protected Uni<Verification> apply(Verification v) {
        if (v.result() != null) {
            return Uni.createFrom().item(v);
        }
        VerificationRequest request = v.forwardedRequest();
        Uni<VerificationResult> asked = v.isNative() ? client.verifyNative(v.peer(), request, v.forwardedHops())
                : client.verify(v.peer(), request, v.forwardedHops());
        return asked
                .onFailure(MemberUnavailableException.class).recoverWithItem(failure -> unknown(v,
                        ReasonCode.HOME_UNAVAILABLE))
                .onFailure(MemberRefusedException.class).recoverWithUni(failure -> {
                    MemberRefusedException refused = (MemberRefusedException) failure;
                    if (refused.type() == ProblemType.NOT_FOUND && !v.peer().isHub()) {
                        return Uni.createFrom().item(unknown(v, ReasonCode.NOT_FOUND_AT_HOME));
                    }
                    return Uni.createFrom().failure(refused);
                })
                .map(result -> v.answered(dependant(v, about(v, result))));
    }

    /**
     * A hub on the way, or the home itself, answers about the code it was asked about: an answer naming another
     * home is not this code's status, whatever it says (a child hub cannot answer for another subtree). Nor is an
     * answer from a source the code cannot have: a native code is answered live or not at all (REQ-CODE-2), and a
     * code living over 60 s never from its signed colour (REQ-CODE-3), whoever relays it.
     */
    private static VerificationResult about(Verification v, VerificationResult result) {
        if (v.isNative() && result.source() != AnswerSource.LIVE && result.status() != VerificationStatus.UNKNOWN) {
            // a native code has no signed colour: an answer for it is live or none (REQ-CODE-2)
            throw new MemberBadAnswerException(v.peer().entityId(), "answered a native code from " + result.source());
        }
        if (result.source() == AnswerSource.SIGNED && v.claims() != null) {
            Duration lifetime = Duration.between(v.claims().iat(), v.claims().exp());
            if (lifetime.compareTo(LONGEST_SIGNED_ANSWER) > 0) {
                throw new MemberBadAnswerException(v.peer().entityId(), "answered a code living "
                        + lifetime.toSeconds() + " s from its signed colour; a code living over "
                        + LONGEST_SIGNED_ANSWER.toSeconds() + " s is only answered live by its issuer");
            }
        }
        // a native code's home is known only at the hub whose child printed it
        if (result.home() != null && v.home() != null && !result.home().equals(v.home())) {
            throw new MemberBadAnswerException(v.peer().entityId(), "asked about a code of " + v.home()
                    + ", it answered about " + result.home());
        }
        return result;
    }

    /**
     * A relative's code (REQ-CODE-4) is answered as one wherever the answer comes from: the issuer signed the holder
     * into it, so the checkpoint learns who shows it even if the home's answer left that out.
     */
    private static VerificationResult dependant(Verification v, VerificationResult result) {
        return v.claims() != null && v.claims().isDependant() ? result.asDependant(true) : result;
    }

    private VerificationResult unknown(Verification v, ReasonCode reason) {
        Instant now = clock.instant();
        // on the way to a native code's home, the home is not known yet: the answer names the node not reached
        String home = v.home() != null ? v.home() : v.peer().entityId();
        return new VerificationResult(VerificationStatus.UNKNOWN, home, AnswerSource.NONE, now,
                now.plus(unknownValidFor), reason);
    }
}

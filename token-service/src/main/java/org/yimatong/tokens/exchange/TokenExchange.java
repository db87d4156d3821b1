package org.yimatong.tokens.exchange;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.payload.TokenResponse;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.accesstoken.HubAccessToken;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.assurance.AudiencePolicy;
import org.yimatong.tokens.assurance.InsufficientUserAuthenticationException;
import org.yimatong.tokens.binding.OperatorBindings;
import org.yimatong.tokens.binding.UnifiedSocialCreditCode;
import org.yimatong.tokens.idtoken.SubjectTokenValidator;
import org.yimatong.tokens.idtoken.ValidatedIdToken;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;
import org.yimatong.tokens.pairwise.PairwiseSubjects;
import org.yimatong.tokens.revocation.RevocationList;
import org.yimatong.tokens.rotation.HubKeys;

/**
 * Issues a hub access token for a checked {@link ExchangeRequest} (DESIGN.md §8, REQ-TOK-1..3, REQ-LOA-1..3).
 * Immutable and thread-safe; cost: one verify per presented token and one sign.
 *
 * <p>In order: the client may ask for the target ({@code invalid_target}); the subject token, and the actor token
 * if any, validate ({@code invalid_request}) and are not revoked; an actor is the one the subject token's
 * {@code may_act} names ({@code invalid_request}); the level is granted ({@code min(subject,
 * actor)}, at least the audience's minimum and the requested {@code acr_values}, else
 * {@code insufficient_user_authentication}); then the token: {@code sub} pairwise per audience, {@code act.sub}
 * likewise, {@code org} when the operator has a valid binding and the level is at least {@code substantial} and
 * at least the binding's.
 */
public final class TokenExchange {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenSettings settings;
    private final SubjectTokenValidator validator;
    private final AssurancePolicy assurance;
    private final PairwiseSubjects pairwise;
    private final OperatorBindings bindings;
    private final RevocationList revocations;
    private final HubKeys keys;
    private final Clock clock;

    public TokenExchange(TokenSettings settings, SubjectTokenValidator validator, AssurancePolicy assurance,
            PairwiseSubjects pairwise, OperatorBindings bindings, RevocationList revocations, HubKeys keys,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.validator = Objects.requireNonNull(validator);
        this.assurance = Objects.requireNonNull(assurance);
        this.pairwise = Objects.requireNonNull(pairwise);
        this.bindings = Objects.requireNonNull(bindings);
        this.revocations = Objects.requireNonNull(revocations);
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Exchanges.
     *
     * @param clientId the client the hub authenticated ({@code private_key_jwt})
     * @throws TokenException with the OAuth error and problem type of the refusal (see the class comment)
     * @throws InsufficientUserAuthenticationException for a level below the requirement
     */
    public IssuedToken exchange(String clientId, ExchangeRequest request) {
        AudiencePolicy policy = assurance.policyOf(request.target());
        if (!policy.admits(clientId)) {
            throw new TokenException(OAuthError.INVALID_TARGET, ProblemType.FORBIDDEN,
                    "client " + clientId + " may not obtain tokens for " + request.target());
        }
        Instant now = clock.instant();
        ValidatedIdToken subject = notRevoked(validator.validate(request.subjectToken()), now);
        Optional<ValidatedIdToken> actor = request.actorToken().map(validator::validate).map(a -> notRevoked(a, now));
        actor.ifPresent(a -> vouchedFor(subject, a));
        LevelOfAssurance level = assurance.grant(policy.audience(), subject.acr(), actor.map(ValidatedIdToken::acr),
                request.requestedAcr());

        String audience = policy.audience();
        String sub = pairwise.subject(subject.issuer(), subject.subject(), audience);
        Optional<String> act = actor.map(a -> pairwise.subject(a.issuer(), a.subject(), audience));
        Optional<String> org = bindings.find(audience, sub)
                .filter(b -> admitsOrg(b, level, now))
                .map(b -> UnifiedSocialCreditCode.normalise(b.legalPersonId()).orElseThrow());
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        HubAccessToken token = new HubAccessToken(settings.issuer(), settings.hubEntityId(), sub, audience, clientId,
                level, subject.authTime(), subject.issuer(), newJti(), issuedAt,
                issuedAt.plus(settings.accessTokenLifetime()), act, org);
        Jwk key = keys.signingKey(settings.signingProfile(), now);
        return new IssuedToken(token.sign(key), token, subject.listSubject());
    }

    /**
     * An actor acts for the subject only when the subject token's issuer vouches for it (RFC 8693 §4.4
     * {@code may_act}), as a home platform does for a guardian and the dependant it knows: two ID tokens alone prove
     * no relationship.
     */
    private static void vouchedFor(ValidatedIdToken subject, ValidatedIdToken actor) {
        if (subject.mayAct().isEmpty()) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.FORBIDDEN, "the subject token names"
                    + " nobody who may act for its subject (no may_act): its issuer vouches for no delegation");
        }
        if (!subject.mayAct().get().names(actor, subject.issuer())) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.FORBIDDEN, "the subject token's may_act"
                    + " names another actor than the actor token's subject");
        }
    }

    private ValidatedIdToken notRevoked(ValidatedIdToken token, Instant now) {
        if (token.jti().isPresent() && revocations.isRevoked(token.issuer(), token.jti().get(), now)) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.FORBIDDEN,
                    "the presented token was revoked by its issuer");
        }
        return token;
    }

    /** {@code org} only for a current binding with a valid credit code, at substantial and the binding's level. */
    private static boolean admitsOrg(OperatorBinding binding, LevelOfAssurance level, Instant now) {
        if (binding.validUntil() != null && !now.isBefore(binding.validUntil())) {
            return false;
        }
        if (!UnifiedSocialCreditCode.isValid(binding.legalPersonId())) {
            return false;
        }
        LevelOfAssurance required = binding.requiredAcr() == null ? LevelOfAssurance.SUBSTANTIAL
                : LevelOfAssurance.fromUri(binding.requiredAcr()).orElse(LevelOfAssurance.HIGH);
        return level.atLeast(LevelOfAssurance.SUBSTANTIAL) && level.atLeast(required);
    }

    private static String newJti() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /**
     * An issued token.
     *
     * @param token the compact JWS to hand to the client
     * @param claims what it says
     * @param subjectListSubject the person's list pseudonym, if the subject token carried it: for the hub's audit
     *     only, it is in neither the token nor the response
     */
    public record IssuedToken(String token, HubAccessToken claims, Optional<String> subjectListSubject) {

        public IssuedToken {
            Objects.requireNonNull(subjectListSubject, "subjectListSubject");
        }

        /** The RFC 8693 §2.2.1 response. */
        public TokenResponse response() {
            return TokenResponse.bearer(token,
                    claims.expiresAt().getEpochSecond() - claims.issuedAt().getEpochSecond(), null);
        }

        @Override
        public String toString() {
            return "IssuedToken[" + claims + "]";
        }
    }
}

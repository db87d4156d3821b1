package org.yimatong.hub.tokens;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.memberapi.MemberBadAnswerException;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.MemberRefusedException;
import org.yimatong.hub.memberapi.MemberUnavailableException;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberRegistry;
import org.yimatong.hub.registry.ParentHub;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.idtoken.IdTokenValidator;
import org.yimatong.tokens.idtoken.IssuerKeys;
import org.yimatong.tokens.idtoken.SubjectTokenValidator;
import org.yimatong.tokens.idtoken.ValidatedIdToken;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Routed validation of subject and actor tokens (DESIGN.md §8). An ID token whose issuer is a member of this hub
 * is validated here against the member's key set (from memory; an unknown {@code kid} costs at most one
 * rate-limited re-fetch, REQ-KEY-1). Any other issuer's token is sent to the hub whose subtree holds it: down to the
 * child hub serving the issuer's region, else up to the parent, as {@code POST /v1/introspect} with this hub's
 * client assertion, {@code Ymt-Hop} and {@code Ymt-Path}; the answer decides. All the waiting happens in
 * {@link #prepare}; the validator it answers then runs without I/O inside token-service's exchange.
 */
@ApplicationScoped
public class RoutedValidation {

    private static final Pattern REGION = Pattern.compile("[0-9]{6}");

    private final MemberRegistry registry;
    private final ParentHub parent;
    private final HubConfig hub;
    private final TokenSettings settings;
    private final Clock clock;
    private final MemberClient members;

    public RoutedValidation(MemberRegistry registry, ParentHub parent, HubConfig hub, TokenSettings settings,
            Clock clock, MemberClient members) {
        this.registry = registry;
        this.parent = parent;
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
        this.members = members;
    }

    /**
     * Resolves everything {@code tokens} need: the key sets of local issuers, the answers of remote ones.
     *
     * @param audienceHub the hub an ID token must name in {@code aud}: this hub, or the hub where a routed request
     *     began
     * @param hops the routing headers of the request (first hop for an exchange at this hub)
     * @param cameFrom the hub that sent this request, never routed back to; null for none
     */
    public Uni<SubjectTokenValidator> prepare(String audienceHub, List<String> tokens, Hops hops, String cameFrom) {
        Map<String, KeyResolver> localKeys = new HashMap<>();
        Map<String, Object> remote = new HashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String token : tokens) {
            Optional<Peek> peek = peek(token);
            if (peek.isEmpty()) {
                continue; // the local validator refuses it with the precise problem type
            }
            String issuer = peek.get().issuer();
            Optional<Member> member = registry.find(issuer).filter(m -> m.status() == MemberStatus.ACTIVE
                    && m.kind() == MemberKind.PLATFORM);
            if (member.isPresent()) {
                if (peek.get().mayNeedFreshKeys()) {
                    all = all.flatMap(v -> registry.keysFor(member.get(), peek.get().kid())
                            .invoke(k -> localKeys.put(issuer, k)).replaceWithVoid());
                } else {
                    localKeys.put(issuer, member.get().keys());
                }
                continue;
            }
            Optional<Peer> target = route(issuer, cameFrom);
            if (target.isPresent()) {
                all = all.flatMap(v -> introspect(target.get(), token, hops)
                        .map(answer -> (Object) toValidated(issuer, answer))
                        .onFailure(RuntimeException.class).recoverWithItem(failure -> failure)
                        .invoke(result -> remote.put(token, result)).replaceWithVoid());
            }
        }
        return all.map(v -> validator(audienceHub, localKeys, remote));
    }

    private SubjectTokenValidator validator(String audienceHub, Map<String, KeyResolver> localKeys,
            Map<String, Object> remote) {
        IdTokenValidator local = new IdTokenValidator(audienceHub, new IssuerKeys() {
            @Override
            public Optional<KeyResolver> keysOf(String issuer) {
                return Optional.ofNullable(localKeys.get(issuer));
            }

            @Override
            public Optional<KeyResolver> refresh(String issuer) {
                return Optional.empty(); // prepare() already re-fetched, rate-limited, for an unknown kid
            }
        }, IdTokenValidator.ALL_PROFILES, settings.clockSkew(), clock);
        return token -> {
            Object result = remote.get(token);
            if (result instanceof ValidatedIdToken validated) {
                return validated;
            }
            if (result instanceof RuntimeException refused) {
                throw refused;
            }
            return local.validate(token);
        };
    }

    /** Where a token of {@code issuer} is validated: a child hub serving its region, else the parent. */
    private Optional<Peer> route(String issuer, String cameFrom) {
        String suffix = issuer.substring(issuer.lastIndexOf(':') + 1);
        if (REGION.matcher(suffix).matches()) {
            Optional<Member> child = registry.childServing(suffix)
                    .filter(m -> m.kind() == MemberKind.HUB && m.status() == MemberStatus.ACTIVE)
                    .filter(m -> !m.entityId().equals(cameFrom));
            if (child.isPresent()) {
                return Optional.of(Peer.of(child.get()));
            }
        }
        if (parent.present() && !parent.entityId().get().equals(cameFrom)) {
            return Optional.of(Peer.parent(parent.entityId().get(), parent.baseUrls()));
        }
        return Optional.empty();
    }

    /** The issuer side's answer, through the one member client (guard, breaker, metrics); failures as problems. */
    private Uni<IntrospectionResponse> introspect(Peer target, String token, Hops hops) {
        return Uni.createFrom().deferred(() -> members.introspectIdToken(target, token,
                hops.arrivingAt(hub.entityId()).notBackTo(target.entityId()).forwardedBy(hub.entityId(), null)))
                .onFailure(MemberUnavailableException.class).transform(failure -> {
                    MemberUnavailableException down = (MemberUnavailableException) failure;
                    return "timeout".equals(down.outcome())
                            ? new ProblemException(ProblemType.MEMBER_TIMEOUT, target.entityId()
                                    + " did not answer the routed validation in time")
                            : new ProblemException(ProblemType.MEMBER_BAD_ANSWER, target.entityId()
                                    + " could not be reached for the routed validation");
                })
                .onFailure(MemberBadAnswerException.class).transform(failure -> new ProblemException(
                        ProblemType.MEMBER_BAD_ANSWER, target.entityId() + " answered the routed validation outside"
                                + " the contract: " + failure.getMessage()))
                .onFailure(MemberRefusedException.class).transform(failure -> new ProblemException(
                        ProblemType.MEMBER_BAD_ANSWER, "the routed validation was refused: " + failure.getMessage()));
    }

    /** Acts on the issuer side's answer: active with the person's claims, or a refusal. */
    private ValidatedIdToken toValidated(String issuer, IntrospectionResponse answer) {
        if (!answer.active()) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.FORBIDDEN,
                    "the issuer's side of the tree did not accept the token");
        }
        if (!issuer.equals(answer.iss()) || answer.sub() == null || answer.sub().isEmpty() || answer.exp() == null
                || answer.authTime() == null) {
            throw new ProblemException(ProblemType.MEMBER_BAD_ANSWER,
                    "the routed validation answered an active token without its issuer's claims");
        }
        LevelOfAssurance acr = AssurancePolicy.parse(answer.acr(), OAuthError.INVALID_REQUEST);
        Instant now = clock.instant();
        Instant exp = Instant.ofEpochSecond(answer.exp());
        if (now.isAfter(exp.plus(settings.clockSkew()))) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.CODE_EXPIRED, "ID token expired at "
                    + exp);
        }
        Instant iat = answer.iat() == null ? Instant.ofEpochSecond(answer.authTime()) : Instant.ofEpochSecond(answer
                .iat());
        // no list pseudonym: the hub that validated the token keeps it out of its answer and audits the look itself
        return new ValidatedIdToken(issuer, answer.sub(), acr, Instant.ofEpochSecond(answer.authTime()), iat, exp,
                Optional.ofNullable(answer.jti()), Optional.ofNullable(answer.mayAct()).filter(m -> m.sub() != null)
                        .map(m -> new ValidatedIdToken.MayAct(m.sub(), m.iss())), Optional.empty());
    }

    /** The unverified issuer and key id: only to choose whose keys, or which hub, must check the token. */
    static Optional<Peek> peek(String token) {
        try {
            ParsedJws parsed = ParsedJws.parseCompact(token);
            JsonNode claims = StrictJson.read(parsed.payload());
            JsonNode iss = claims == null ? null : claims.get("iss");
            if (iss == null || !iss.isTextual() || iss.textValue().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Peek(iss.textValue(), parsed.header().kid() == null ? "" : parsed.header().kid(),
                    parsed.header().typ(), parsed.header().alg()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    record Peek(String issuer, String kid, String typ, String alg) {

        /**
         * Only a token naming a key and an allowed asymmetric algorithm may cost a key-set fetch: {@code alg: none},
         * HMAC or a missing {@code kid} is refused without one.
         */
        boolean mayNeedFreshKeys() {
            return !kid.isEmpty() && alg != null && SignatureProfile.fromJoseName(alg).isPresent();
        }
    }
}

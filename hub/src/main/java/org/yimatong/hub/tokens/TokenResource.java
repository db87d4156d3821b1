package org.yimatong.hub.tokens;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.audit.AuditEvent;
import org.yimatong.hub.audit.AuditOutcome;
import org.yimatong.hub.audit.AuditWriter;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.exchange.ExchangeRequest;
import org.yimatong.tokens.exchange.TokenExchange;
import org.yimatong.tokens.idtoken.ValidatedIdToken;
import org.yimatong.tokens.introspection.Introspection;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;
import org.yimatong.tokens.pairwise.PairwiseSubjects;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /v1/token} (RFC 8693 token exchange) and {@code POST /v1/introspect} (RFC 7662, RFC 9701). The
 * client authenticates in the form; each request that authenticated leaves one audit event, issued or refused. An
 * exchange whose ID token carried the person's list pseudonym ({@code ymt_list_sub}) is recorded about that person
 * (REQ-AUD-3). A signed introspection answer is signed with the algorithm of the asking client's own tokens.
 */
@Path("/v1")
public class TokenResource {

    private static final String ID_TOKEN_HINT = "id_token";

    private final FormClientAuthentication clients;
    private final RoutedValidation routing;
    private final TokenSettings settings;
    private final AssurancePolicy assurance;
    private final PairwiseSubjects pairwise;
    private final OperatorBindingStore bindings;
    private final PostgresRevocationList revocations;
    private final HubKeyRing keys;
    private final Introspection introspection;
    private final AuditWriter audit;
    private static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final List<String> EXCHANGE_ONLY = List.of("subject_token", "subject_token_type", "actor_token",
            "actor_token_type");

    private final HubConfig hub;
    private final Clock clock;
    /** The settings of each audience whose tokens are signed with another profile than the hub's default. */
    private final Map<String, TokenSettings> audienceSettings = new HashMap<>();
    private final HubSessions sessions;

    public TokenResource(FormClientAuthentication clients, RoutedValidation routing, TokenSettings settings,
            AssurancePolicy assurance, PairwiseSubjects pairwise, OperatorBindingStore bindings,
            PostgresRevocationList revocations, HubKeyRing keys, Introspection introspection, AuditWriter audit,
            HubConfig hub, Clock clock, TokensConfig config, HubSessions sessions) {
        this.sessions = sessions;
        this.clients = clients;
        this.routing = routing;
        this.settings = settings;
        this.assurance = assurance;
        this.pairwise = pairwise;
        this.bindings = bindings;
        this.revocations = revocations;
        this.keys = keys;
        this.introspection = introspection;
        this.audit = audit;
        this.hub = hub;
        this.clock = clock;
        // fixed by the configuration (TokenServices checked each algorithm at start): read once, not per request
        config.audiences().forEach((audience, policy) -> policy.signingAlgorithm().ifPresent(alg -> audienceSettings
                .put(audience, settings.withSigningProfile(SignatureProfile.fromJoseName(alg).orElseThrow()))));
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(String body, @Context HttpServerRequest request) {
        MultivaluedMap<String, String> form = FormBody.parse(body);
        long started = System.nanoTime();
        if (CLIENT_CREDENTIALS.equals(form.getFirst("grant_type"))) {
            return session(form, request, started);
        }
        return clients.authenticate(form, request).flatMap(caller -> {
            Uni<TokenExchange.IssuedToken> issued = Uni.createFrom().deferred(() -> {
                ExchangeRequest exchange = ExchangeRequest.fromForm(form);
                List<String> presented = new ArrayList<>();
                presented.add(exchange.subjectToken());
                exchange.actorToken().ifPresent(presented::add);
                return routing.prepare(hub.entityId(), presented, Hops.fromHeaders(null, null), null)
                        .map(validator -> new TokenExchange(settingsFor(exchange.target()), validator, assurance,
                                pairwise, bindings, revocations, keys, clock).exchange(caller.entityId(), exchange));
            });
            return issued.onItemOrFailure().transformToUni((token, failure) -> {
                // the person's list pseudonym, when their home sent it, makes the exchange part of their access log
                AuditEvent event = failure == null
                        ? aboutSubject(event(caller, token.claims().home(), "token-exchange", Action.TOKEN_EXCHANGE,
                                token.claims().jti(), "OK", started), token, caller)
                        : event(caller, caller.entityId(), "token-exchange", Action.TOKEN_EXCHANGE, "-",
                                outcome(failure), started);
                return audit.append(event).map(v -> {
                    if (failure != null) {
                        throw propagate(failure);
                    }
                    return Response.ok(token.response(), MediaType.APPLICATION_JSON)
                            .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
                });
            });
        });
    }

    /**
     * A caller's session (REQ-AUTH-2, RFC 6749 §4.4 with RFC 7523 client authentication): one client assertion
     * traded for a short hub token to send as {@code Authorization: Bearer} on every call.
     */
    private Uni<Response> session(MultivaluedMap<String, String> form, HttpServerRequest request, long started) {
        for (String exchangeOnly : EXCHANGE_ONLY) {
            if (form.containsKey(exchangeOnly)) {
                // A session is the caller's own; a subject token here means the caller meant an exchange.
                return Uni.createFrom().failure(new TokenException(OAuthError.INVALID_REQUEST,
                        ProblemType.VALIDATION_FAILED, exchangeOnly + " is not allowed with grant_type "
                                + CLIENT_CREDENTIALS));
            }
        }
        return clients.authenticateWithoutSession(form, request).flatMap(caller -> {
            HubSessions.Issued issued = sessions.issue(caller.entityId(), request.isSSL() ? request.sslSession()
                    : null);
            return audit.append(event(caller, caller.entityId(), "session", Action.TOKEN_EXCHANGE, "-", "OK", started))
                    .map(v -> Response.ok(Map.of("access_token", issued.token(), "token_type", "Bearer",
                            "issued_token_type", "urn:ietf:params:oauth:token-type:access_token",
                            "expires_in", issued.expiresInSeconds(), "scope", HubSessions.SCOPE),
                            MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                            .build());
        });
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> introspect(String body, @Context HttpServerRequest request,
            @HeaderParam("Accept") String accept, @HeaderParam(Hops.HOP_HEADER) String hop,
            @HeaderParam(Hops.PATH_HEADER) String path) {
        MultivaluedMap<String, String> form = FormBody.parse(body);
        long started = System.nanoTime();
        return clients.authenticate(form, request).flatMap(caller -> {
            String token = single(form, "token");
            boolean signed = accept != null && accept.contains(Introspection.JWT_MEDIA_TYPE);
            Uni<Introspected> answer = isRoutedIdToken(form, token, caller)
                    ? routedIdToken(token, caller, Hops.sentBy(hop, path, caller.entityId(), true))
                    : Uni.createFrom().item(() -> new Introspected(introspection.introspect(token, caller
                            .entityId()), Optional.empty(), caller.entityId()));
            return answer.flatMap(i -> {
                IntrospectionResponse a = i.answer();
                AuditEvent event = event(caller, a.active() && a.home() != null ? a.home() : caller.entityId(),
                        "introspection", Action.INTROSPECTION, a.active() && a.jti() != null ? a.jti() : "-",
                        a.active() ? "ACTIVE" : "INACTIVE", started);
                // a person's login validated here for an exchange at another hub is in their access log too
                AuditEvent about = i.listSubject().map(listSub -> event.about(listSub, i.origin())).orElse(event);
                return audit.append(about).replaceWith(a);
            }).map(a -> signed
                    ? Response.ok(introspection.signed(a, caller.entityId(), settingsFor(caller.entityId())
                            .signingProfile()), Introspection.JWT_MEDIA_TYPE)
                    : Response.ok(a, MediaType.APPLICATION_JSON))
                    .map(r -> r.header("Cache-Control", "no-store").build());
        });
    }

    /**
     * A hub (the parent, or a child hub) asks this hub to validate an ID token of its subtree (routed validation).
     * Departments only ever introspect hub tokens.
     */
    private static boolean isRoutedIdToken(MultivaluedMap<String, String> form, String token, Caller caller) {
        boolean fromHub = caller.isHub();
        if (!fromHub) {
            return false;
        }
        List<String> hint = form.get("token_type_hint");
        if (hint != null && hint.contains(ID_TOKEN_HINT)) {
            return true;
        }
        return RoutedValidation.peek(token).map(p -> p.typ() == null || !p.typ().toLowerCase().endsWith("at+jwt"))
                .orElse(false);
    }

    /**
     * An introspection answer; the list pseudonym of the person whose login it validated, if known; where the request
     * began (the hub of the exchange, for a routed ID token).
     */
    private record Introspected(IntrospectionResponse answer, Optional<String> listSubject, String origin) {}

    /** Validates (here, or further along the tree) an ID token for the hub where the exchange began. */
    private Uni<Introspected> routedIdToken(String token, Caller caller, Hops hops) {
        String audienceHub = hops.origin().orElse(caller.entityId());
        return routing.prepare(audienceHub, List.of(token), hops, caller.entityId()).map(validator -> {
            try {
                ValidatedIdToken t = validator.validate(token);
                return new Introspected(new IntrospectionResponse(true, t.issuer(), t.subject(), null,
                        t.expiresAt() == null ? null : t.expiresAt().getEpochSecond(),
                        t.issuedAt() == null ? null : t.issuedAt().getEpochSecond(), null, t.jti().orElse(null), null,
                        null, null, t.acr().uri(), t.authTime().getEpochSecond(), t.issuer(), null,
                        t.mayAct().map(m -> new IntrospectionResponse.Actor(m.subject(), m.issuer())).orElse(null)),
                        t.listSubject(), audienceHub);
            } catch (TokenException refused) {
                return new Introspected(IntrospectionResponse.inactive(), Optional.empty(), audienceHub);
            }
        });
    }

    /** The hub's settings, with the audience's own signing algorithm if it has one. */
    private TokenSettings settingsFor(String audience) {
        return audienceSettings.getOrDefault(audience, settings);
    }

    private static AuditEvent aboutSubject(AuditEvent event, TokenExchange.IssuedToken token, Caller caller) {
        return token.subjectListSubject().map(listSub -> event.about(listSub, caller.entityId())).orElse(event);
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.size() != 1 || values.get(0).isEmpty()) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.VALIDATION_FAILED,
                    name + " is required once");
        }
        return values.get(0);
    }

    private AuditEvent event(Caller caller, String member, String purpose, Action action, String target,
            String outcome, long startedNanos) {
        int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
        return new AuditEvent(clock.instant(), caller.entityId(), member, purpose, action, target, outcome,
                latency);
    }

    private static String outcome(Throwable failure) {
        return failure instanceof ProblemException p ? AuditOutcome.problem(p.type()) : AuditOutcome.internal();
    }

    private static RuntimeException propagate(Throwable failure) {
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }
}

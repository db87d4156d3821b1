package org.yimatong.hub.memberapi;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.yimatong.adapters.spi.AnswerTooLargeException;
import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.hub.adapters.MemberAdapters;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.lists.ParentLists;
import org.yimatong.hub.lists.RelayedBatch;
import org.yimatong.hub.lists.ingest.BatchResource;
import org.yimatong.hub.outbound.HubCredentials;
import org.yimatong.hub.outbound.VertxMemberHttp;
import org.yimatong.hub.purposes.ParentPurposes;
import org.yimatong.hub.registry.ParentHub;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.ChangesPage;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.payload.MemberPublicView;
import org.yimatong.schemas.payload.PurposePolicy;
import org.yimatong.schemas.payload.VenueScanAnswer;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VenueScanRequest;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.MemberAnswers;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * {@link MemberClient} over the Vert.x web client: no thread waits for a member. Each member has its own
 * {@link TypedGuard} (timeout, then circuit breaker), so a slow province never holds up another. Platforms with a
 * native API are called through their adapter ({@link MemberAdapters}) inside the same guard. Every call is
 * counted in {@code ymt.member.calls} by member, operation and outcome, and timed in {@code ymt.member.call}.
 * It is also how the lists reach the parent hub ({@link ParentLists}: the list key, the change feed, batches
 * relayed up the tree).
 */
@ApplicationScoped
public class GuardedMemberClient implements MemberClient, ParentLists, ParentPurposes {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };
    private static final String JSON = "application/json";
    private static final Logger LOG = Logger.getLogger(GuardedMemberClient.class);

    private final ObjectMapper json;
    private final MemberCallConfig config;
    private final MeterRegistry meters;
    private final HubCredentials credentials;
    private final ParentHub parentHub;
    private final Clock clock;
    private final MemberAdapters adapters;
    private final ListsConfig lists;
    private final ConcurrentMap<String, TypedGuard<Uni<Object>>> guards = new ConcurrentHashMap<>();
    private final VertxMemberHttp http;

    public GuardedMemberClient(VertxMemberHttp http, ObjectMapper json, MemberCallConfig config,
            MeterRegistry meters, HubCredentials credentials, ParentHub parentHub, Clock clock, MemberAdapters adapters,
            ListsConfig lists) {
        this.lists = lists;
        this.http = http;
        this.json = json;
        this.config = config;
        this.meters = meters;
        this.credentials = credentials;
        this.parentHub = parentHub;
        this.clock = clock;
        this.adapters = adapters;
    }

    @Override
    public Uni<VerificationResult> verify(Peer peer, VerificationRequest request, Hops hops) {
        if (!peer.isHub()) {
            return call(peer, "verify", at -> inHubTerms(at, adapters.verify(at.entityId(), at.baseUrl(), request,
                    hops)));
        }
        return call(peer, "verify", at -> send(post(at, "/v1/verifications", hops), request)
                .map(r -> read(at, r, 200, VerificationResult.class))
                .map(answer -> {
                    // a hub may relay any source; a platform's answer is checked by its adapter
                    MemberAnswers.verificationFault(answer, false).ifPresent(fault -> {
                        throw new MemberBadAnswerException(at.entityId(), fault);
                    });
                    return answer;
                }));
    }

    @Override
    public Uni<VerificationResult> verifyNative(Peer peer, VerificationRequest request, Hops hops) {
        if (peer.isHub()) {
            return verify(peer, request, hops);
        }
        return call(peer, "verify", at -> inHubTerms(at, adapters.verifyNative(at.entityId(), at.baseUrl(), request,
                hops)).map(answer -> {
                    // nobody reads a colour from a native string: the platform answered live, or it is unknown
                    if (answer.source() != AnswerSource.LIVE && answer.status() != VerificationStatus.UNKNOWN) {
                        throw new MemberBadAnswerException(at.entityId(), "a native code answered " + answer.source()
                                + ", not LIVE");
                    }
                    return answer;
                }));
    }

    @Override
    public Uni<VenueScanAnswer> forwardVenueScan(Peer hub, String scanId, String reportedBy,
            VenueScanRequest request, Hops hops) {
        return call(hub, "venue-scan", at -> send(post(at, "/v1/venue-scans", hops)
                .header(SCAN_ID_HEADER, scanId)
                .header(SCAN_REPORTER_HEADER, reportedBy), request)
                .map(r -> {
                    VenueScanAnswer answer = read(at, r, 200, VenueScanAnswer.class);
                    if (!answer.accepted() || answer.venue() == null || !scanId.equals(answer.scanId())) {
                        throw new MemberBadAnswerException(at.entityId(), "a venue scan answer that does not accept"
                                + " the scan it was sent");
                    }
                    return answer;
                }));
    }

    @Override
    public Uni<Void> deliverVenueScan(Peer platform, VenueScanRecord scan, Hops hops) {
        return call(platform, "venue-scan", at -> inHubTerms(at, adapters.deliverVenueScan(at.entityId(), at
                .baseUrl(), scan, hops)));
    }

    @Override
    public Uni<GreenLookupResult> greenLookup(Peer peer, GreenLookupRequest request, Hops hops) {
        if (!peer.isHub()) {
            return call(peer, "green-lookup", at -> inHubTerms(at, adapters.greenLookup(at.entityId(), at.baseUrl(),
                    request, hops)));
        }
        return call(peer, "green-lookup", at -> send(post(at, "/v1/green-lookups", hops), request)
                .map(r -> read(at, r, 200, GreenLookupResult.class))
                .map(answer -> {
                    MemberAnswers.greenLookupFault(answer, false).ifPresent(fault -> {
                        throw new MemberBadAnswerException(at.entityId(), fault);
                    });
                    return answer;
                }));
    }

    /** Safe to send to a standby after a failed attempt: the member deduplicates by {@code Ymt-Appeal-Id}. */
    @Override
    public Uni<AppealAcknowledgement> fileAppeal(Peer peer, String appealId, AppealRequest request, Hops hops) {
        if (!peer.isHub()) {
            return call(peer, "appeal", at -> inHubTerms(at,
                    adapters.fileAppeal(at.entityId(), at.baseUrl(), appealId, request, hops)));
        }
        return call(peer, "appeal", at -> send(post(at, "/v1/appeals", hops).header("Ymt-Appeal-Id", appealId),
                request).map(r -> {
                    Appeal filed = read(at, r, 201, Appeal.class);
                    if (filed.id() == null) {
                        throw new MemberBadAnswerException(at.entityId(), "appeal without id");
                    }
                    return new AppealAcknowledgement(filed.id(), filed.filedAt() != null ? filed.filedAt() : clock
                            .instant());
                }));
    }

    @Override
    public Uni<Void> relayDecision(Peer peer, String appealId, AppealDecision decision, Hops hops) {
        return call(peer, "decision", at -> send(post(at, "/v1/appeals/" + appealId + "/decision", hops), decision)
                .map(r -> {
                    read(at, r, 200, Appeal.class);
                    return (Void) null;
                }));
    }

    @Override
    public Uni<IntrospectionResponse> introspectIdToken(Peer hubPeer, String token, Hops hops) {
        return call(hubPeer, "introspect", at -> {
            String form = "token=" + query(token) + "&token_type_hint=id_token&client_assertion_type="
                    + query(ClientAssertion.FORM_TYPE) + "&client_assertion=" + query(credentials.assertion(at
                            .entityId()));
            HttpCall post = HttpCall.post(at.url("/v1/introspect"), "application/x-www-form-urlencoded", form)
                    .header("Accept", JSON)
                    .header(Hops.HOP_HEADER, hops.hopHeader())
                    .header(Hops.PATH_HEADER, hops.pathHeader())
                    .timeout(backstop());
            return http.exchange(post).map(r -> read(at, r, 200, IntrospectionResponse.class));
        });
    }

    @Override
    public boolean present() {
        return parentHub.present();
    }

    /**
     * Outside the child hub's guard: a console page view must neither count in the breaker that routed verifications
     * depend on nor use up its trial call. Its endpoints in turn, each within the transport's deadline.
     */
    @Override
    public Uni<List<MemberPublicView>> members(Peer hub) {
        return inTurn(hub, 0, endpoint -> {
            Peer at = hub.endpoint(endpoint);
            return http.exchange(get(at, "/v1/members"))
                    .map(r -> List.of(read(at, r, 200, MemberPublicView[].class)))
                    .onFailure().transform(failure -> classify(at, failure));
        });
    }

    @Override
    public Uni<ListKey> listKey(String epoch) {
        return call(parent(), "list-key", at -> http.exchange(get(at, "/v1/lists/key?epoch=" + query(epoch)))
                .map(r -> read(at, r, 200, ListKey.class)));
    }

    @Override
    public Uni<PurposePolicy> purposePolicy() {
        return call(parent(), "purpose-policy", at -> http.exchange(get(at, "/v1/purposes"))
                .map(r -> read(at, r, 200, PurposePolicy.class)));
    }

    @Override
    public Uni<ChangesPage> changes(String after, int limit) {
        String query = "/v1/lists/changes?limit=" + limit + (after == null ? "" : "&after=" + query(after));
        return call(parent(), "list-changes", at -> http.exchange(get(at, query)).map(r -> {
            ChangesPage page = read(at, r, 200, ChangesPage.class);
            if (page.changes() == null || page.next() == null) {
                throw new MemberBadAnswerException(at.entityId(), "a change page without changes or cursor");
            }
            return page;
        }));
    }

    /**
     * Not under the member guard: a batch of a million entries takes longer than a verification's budget, and a
     * slow upload must not open the breaker that verifications through the parent depend on.
     */
    @Override
    public Uni<Void> forward(RelayedBatch batch) {
        // at the parent's endpoints in order: a batch the first did not take (unreachable, 5xx) goes to the next
        Peer parents = parent();
        return inTurn(parents, 0, endpoint -> forward(batch, parents.endpoint(endpoint)));
    }

    private Uni<Void> forward(RelayedBatch batch, Peer parent) {
        HttpCall post = HttpCall.post(parent.url("/v1/lists/batches?member=" + query(batch.member())
                + "&batchTag=" + query(batch.batchTag()) + "&day=" + batch.day() + "&epoch=" + query(batch.epoch())),
                "application/x-ndjson", batch.body())
                .header("Accept", JSON)
                .header(BatchResource.SIGNATURE_HEADER, batch.signature())
                .header(BatchResource.RELAYS_HEADER, RelayedBatch.relaysHeader(batch.relays()))
                .headers(credentials.headers(parent.baseUrl(), parent.entityId()))
                // a total deadline: a parent that takes the batch slowly is cut off, and the relay retried later
                .timeout(lists.replication().timeout());
        long started = System.nanoTime();
        return http.exchange(post)
                .map(r -> {
                    if (r.status() != 200 && r.status() != 201) {
                        read(parent, r, 201, Object.class);
                    }
                    return (Void) null;
                })
                .onItemOrFailure().invoke((done, failure) -> record(parent, "list-forward", started, failure))
                .onFailure().transform(failure -> classify(parent, failure));
    }

    private Peer parent() {
        if (!present()) {
            throw new IllegalStateException("this hub is the root: it has no parent to call");
        }
        return Peer.parent(parentHub.entityId().get(), parentHub.baseUrls());
    }

    private HttpCall get(Peer peer, String hubPath) {
        return HttpCall.get(peer.url(hubPath))
                .header("Accept", JSON)
                .headers(credentials.headers(peer.baseUrl(), peer.entityId()))
                .timeout(backstop());
    }

    /** The transport's own deadline, behind the guard's timeout (which fires first). */
    private Duration backstop() {
        return config.timeout().multipliedBy(2);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpCall post(Peer peer, String hubPath, Hops hops) {
        return HttpCall.post(peer.url(hubPath), JSON, new byte[0])
                .header("Accept", JSON)
                .header(Hops.HOP_HEADER, hops.hopHeader())
                .header(Hops.PATH_HEADER, hops.pathHeader())
                // the hub proves who it is to every node it calls (REQ-AUTH-3)
                .headers(credentials.headers(peer.baseUrl(), peer.entityId()))
                .timeout(backstop());
    }

    private Uni<HttpAnswer> send(HttpCall call, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write a request body", e));
        }
        return http.exchange(call.withBody(bytes));
    }

    /**
     * Runs a call at the peer's endpoints in order (REQ-HA-3), each under its own guard, and turns every way it can
     * fail into one of three exceptions. Only unavailability moves on to the next endpoint (its breaker open, a
     * timeout, no connection, a 5xx): a refusal or a bad answer is the member's answer, wherever it came from.
     */
    private <T> Uni<T> call(Peer peer, String operation, Function<Peer, Uni<T>> call) {
        return inTurn(peer, 0, endpoint -> guarded(peer, endpoint, operation, call));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> guarded(Peer peer, int endpoint, String operation, Function<Peer, Uni<T>> call) {
        Peer at = peer.endpoint(endpoint);
        long started = System.nanoTime();
        return guard(peer.entityId(), endpoint).get(() -> call.apply(at).map(item -> (Object) item))
                .map(item -> (T) item)
                .onItemOrFailure().invoke((item, failure) -> record(peer, operation, started, failure))
                .onFailure().transform(failure -> classify(peer, failure));
    }

    /**
     * {@code attempt} at the peer's endpoints in order, from {@code endpoint}: only a
     * {@link MemberUnavailableException} moves on to the next.
     */
    private static <T> Uni<T> inTurn(Peer peer, int endpoint, IntFunction<Uni<T>> attempt) {
        Uni<T> answer = attempt.apply(endpoint);
        if (endpoint + 1 >= peer.baseUrls().size()) {
            return answer;
        }
        return answer.onFailure(MemberUnavailableException.class).recoverWithUni(failure -> {
            LOG.debugf("%s at %s is unavailable (%s): trying %s", peer.entityId(), peer.baseUrls().get(endpoint),
                    failure.getMessage(), peer.baseUrls().get(endpoint + 1));
            return inTurn(peer, endpoint + 1, attempt);
        });
    }

    private TypedGuard<Uni<Object>> guard(String memberId, int endpoint) {
        String name = breakerName(memberId, endpoint);
        return guards.computeIfAbsent(name, id -> TypedGuard.create(UNI)
                .withDescription("calls to " + memberId + " at its endpoint " + (endpoint + 1))
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(config.breaker().requestVolumeThreshold())
                .failureRatio(config.breaker().failureRatio())
                .delay(config.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.breaker().successThreshold())
                .skipOn(MemberRefusedException.class)
                .done()
                .build());
    }

    /** The name of the breaker of a member's primary endpoint, for {@code CircuitBreakerMaintenance}. */
    public static String breakerName(String memberId) {
        return breakerName(memberId, 0);
    }

    /** The name of the breaker of a member's {@code endpoint}-th endpoint (0: the primary). */
    public static String breakerName(String memberId, int endpoint) {
        return endpoint == 0 ? "member-" + memberId : "member-" + memberId + "-standby-" + endpoint;
    }

    /** An adapter's {@link MemberProblem} as one of the three failures, inside the guard (a refusal is no fault). */
    private static <T> Uni<T> inHubTerms(Peer peer, Uni<T> nativeCall) {
        return nativeCall.onFailure(MemberProblem.class).transform(failure -> {
            MemberProblem problem = (MemberProblem) failure;
            return switch (problem.kind()) {
                case BAD_ANSWER, CREDENTIALS_REFUSED -> new MemberBadAnswerException(peer.entityId(), problem
                        .getMessage());
                case TIMEOUT -> new MemberUnavailableException(peer.entityId(), "timeout", problem);
                case UNAVAILABLE -> new MemberUnavailableException(peer.entityId(), "unreachable", problem);
                case SERVER_ERROR -> new MemberUnavailableException(peer.entityId(), "http_5xx", problem);
                case REFUSED -> new MemberRefusedException(peer.entityId(), problem.type(), problem.getMessage());
            };
        });
    }

    private Throwable classify(Peer peer, Throwable failure) {
        if (failure instanceof MemberRefusedException || failure instanceof MemberBadAnswerException
                || failure instanceof MemberUnavailableException) {
            return failure;
        }
        if (failure instanceof AnswerTooLargeException tooLarge) {
            return new MemberBadAnswerException(peer.entityId(), tooLarge.getMessage());
        }
        if (failure instanceof java.util.concurrent.TimeoutException) {
            return new MemberUnavailableException(peer.entityId(), "timeout", failure);
        }
        return new MemberUnavailableException(peer.entityId(), outcome(failure), failure);
    }

    private void record(Peer peer, String operation, long started, Throwable failure) {
        String outcome = failure == null ? "ok" : outcome(failure);
        meters.counter("ymt.member.calls", "member", peer.entityId(), "operation", operation, "outcome", outcome)
                .increment();
        Timer.builder("ymt.member.call").tag("member", peer.entityId()).tag("operation", operation)
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof MemberRefusedException) {
            return "refused";
        }
        if (failure instanceof MemberBadAnswerException) {
            return "bad_answer";
        }
        if (failure instanceof MemberUnavailableException u) {
            return u.outcome();
        }
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        return "unreachable";
    }

    /** The body of an answer with the expected status; anything else is a refusal, unavailability or bad answer. */
    private <T> T read(Peer peer, HttpAnswer response, int expected, Class<T> type) {
        int status = response.status();
        if (status == expected) {
            try {
                return json.readValue(response.body(), type);
            } catch (IOException e) {
                throw new MemberBadAnswerException(peer.entityId(), "the body of its " + status
                        + " answer does not parse");
            }
        }
        if (status >= 500 && status != ProblemType.LOOP_DETECTED.status()) {
            throw new MemberUnavailableException(peer.entityId(), "http_5xx", null);
        }
        throw refusal(peer, response);
    }

    /** A 4xx or 508 problem answer of the contract, or else a bad answer. */
    private RuntimeException refusal(Peer peer, HttpAnswer response) {
        int status = response.status();
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (IOException e) {
            problem = null; // a status without a problem body
        }
        ProblemType relayed = problem == null ? null
                : ProblemType.relayable(status, problem.path("type").asText(null)).orElse(null);
        if (relayed != null) {
            return new MemberRefusedException(peer.entityId(), relayed,
                    peer.entityId() + ": " + problem.path("detail").asText(relayed.title()));
        }
        if (status == 404) {
            return new MemberRefusedException(peer.entityId(), ProblemType.NOT_FOUND, peer.entityId()
                    + " answered 404");
        }
        return new MemberBadAnswerException(peer.entityId(), "unexpected status " + status);
    }
}

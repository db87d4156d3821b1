package org.yimatong.hub.adapters;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterRegistry;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.NativeCodes;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.hub.lists.keys.ListKeys;
import org.yimatong.hub.outbound.HubCredentials;
import org.yimatong.hub.outbound.VertxMemberHttp;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.AdapterSettings;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * The adapter of each platform, built by its {@code dialect} ({@code v1} for platforms that speak the member
 * contract) from its member record and adapter settings, and rebuilt when either changes. Adapters share the hub's
 * one outbound client ({@link VertxMemberHttp}) and prove the hub's identity to {@code v1} platforms ({@link HubCredentials}). A call answers the member's answer in v1 form or fails with a
 * {@link MemberProblem} naming the member, never with a made-up colour; the member client wraps calls in the
 * member's timeout and breaker.
 */
@ApplicationScoped
public class MemberAdapters {

    private final AdapterRegistry registry = StandardAdapters.registry();
    private final AdapterSettingsStore settings;
    private final MemberDirectory members;
    private final Duration defaultTimeout;
    private final AdapterContext context;
    private final ConcurrentMap<String, Built> built = new ConcurrentHashMap<>();

    public MemberAdapters(AdapterSettingsStore settings, MemberDirectory members, Clock clock, ListKeys listKeys,
            VertxMemberHttp http, HubCredentials credentials,
            @ConfigProperty(name = "ymt.member-calls.timeout") Duration defaultTimeout) {
        this.settings = settings;
        this.members = members;
        this.defaultTimeout = defaultTimeout;
        this.context = new AdapterContext(http, clock, null,
                // the hub proves who it is to every v1 platform it calls (REQ-AUTH-3)
                endpoint -> credentials.headers(endpoint.baseUrl(), endpoint.member()),
                // native platforms that answer with the holder's number get the listSub computed in their adapter
                // (REQ-VER-5)
                () -> listKeys.keyBytes(listKeys.currentEpoch()).subscribeAsCompletionStage());
    }

    /** Verifies at the member's endpoint {@code baseUrl} (its primary or a standby). */
    public Uni<VerificationResult> verify(String memberId, URI baseUrl, VerificationRequest request, Hops hops) {
        return call(memberId, baseUrl, Operation.VERIFY, adapter -> adapter.verify(request, forwarding(hops)));
    }

    public Uni<GreenLookupResult> greenLookup(String memberId, URI baseUrl, GreenLookupRequest request, Hops hops) {
        return call(memberId, baseUrl, Operation.GREEN_LOOKUP, adapter -> adapter.greenLookup(request, forwarding(
                hops)));
    }

    public Uni<AppealAcknowledgement> fileAppeal(String memberId, URI baseUrl, String appealId, AppealRequest request,
            Hops hops) {
        return call(memberId, baseUrl, Operation.APPEAL, adapter -> adapter.submitAppeal(appealId, request,
                forwarding(hops)));
    }

    /** Checks one of the platform's native code strings live, at its endpoint {@code baseUrl} (REQ-CODE-2). */
    public Uni<VerificationResult> verifyNative(String memberId, URI baseUrl, VerificationRequest request,
            Hops hops) {
        return call(memberId, baseUrl, Operation.VERIFY_NATIVE, adapter -> adapter.verifyNative(request, forwarding(
                hops)));
    }

    /** Delivers a visit to one of the platform's venues (REQ-VENUE-2). */
    public Uni<Void> deliverVenueScan(String memberId, URI baseUrl, VenueScanRecord scan, Hops hops) {
        return call(memberId, baseUrl, Operation.VENUE_SCAN, adapter -> adapter.deliverVenueScan(scan, forwarding(
                hops)));
    }

    /** The native code recogniser of a platform's dialect, if the dialect has native codes. */
    public Optional<NativeCodes> nativeCodes(String dialect) {
        return registry.nativeCodes(dialect);
    }

    /** The recognisers of every dialect with native codes: who might have printed a string that is no JWS. */
    public List<NativeCodes> nativeCodes() {
        return registry.nativeCodes();
    }

    /** The adapter (at its primary endpoint) of an active member that carries {@code operation}. */
    public Optional<MemberAdapter> adapter(String memberId, Operation operation) {
        return members.find(memberId).filter(Member::isActive)
                .map(member -> adapterOf(member, member.baseUrl()))
                .filter(adapter -> adapter.operations().contains(operation));
    }

    private <T> Uni<T> call(String memberId, URI baseUrl, Operation operation,
            Function<MemberAdapter, CompletionStage<T>> send) {
        Member member = members.find(memberId).orElse(null);
        if (member == null) {
            return Uni.createFrom().failure(MemberProblem.refused(memberId, ProblemType.NOT_FOUND,
                    "is not a member of this hub"));
        }
        MemberAdapter adapter;
        try {
            adapter = adapterOf(member, baseUrl);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(MemberProblem.unavailable(memberId,
                    "its adapter is not configured (" + e.getMessage() + ")", e));
        }
        if (!adapter.operations().contains(operation)) {
            return Uni.createFrom().failure(MemberProblem.refused(memberId, ProblemType.NOT_FOUND,
                    "dialect " + member.dialect() + " does not carry " + operation));
        }
        Supplier<CompletionStage<T>> stage = () -> send.apply(adapter);
        return Uni.createFrom().completionStage(stage).onFailure().transform(NativeCalls::unwrap);
    }

    /** One adapter per endpoint of a member: each speaks to its own data centre. */
    private MemberAdapter adapterOf(Member member, URI baseUrl) {
        if (!member.baseUrls().contains(baseUrl)) {
            throw new IllegalArgumentException(baseUrl + " is not an endpoint of " + member.entityId());
        }
        AdapterSettings current = settings.find(member.entityId()).orElse(null);
        String key = member.entityId() + " " + baseUrl;
        Built cached = built.get(key);
        if (cached != null && cached.member.equals(member) && Objects.equals(cached.settings, current)) {
            return cached.adapter;
        }
        MemberAdapter adapter = registry.adapterFor(endpoint(member, baseUrl, current), context);
        built.put(key, new Built(member, current, adapter));
        return adapter;
    }

    private MemberEndpoint endpoint(Member member, URI baseUrl, AdapterSettings current) {
        Credentials credentials = current == null || current.credentialId() == null ? Credentials.NONE
                : new Credentials(current.credentialId(), current.secret() == null ? "" : current.secret());
        Duration timeout = current != null && current.timeoutMs() != null ? Duration.ofMillis(current.timeoutMs())
                : defaultTimeout;
        Map<String, String> options = current == null || current.options() == null ? Map.of() : current.options();
        String region = member.regionPrefixes().size() == 1 ? padded(member.regionPrefixes().get(0)) : "";
        return new MemberEndpoint(member.entityId(), options.getOrDefault("region", region), member.dialect(),
                baseUrl, credentials, timeout, options);
    }

    /** A province's prefix as its 6-digit region code (31 -> 310000). */
    private static String padded(String prefix) {
        return (prefix + "000000").substring(0, 6);
    }

    private static Forwarding forwarding(Hops hops) {
        return new Forwarding(hops.left(), hops.path());
    }

    private record Built(Member member, AdapterSettings settings, MemberAdapter adapter) {}
}

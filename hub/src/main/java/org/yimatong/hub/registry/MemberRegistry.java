package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.payload.CodePolicy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The member registry as the hot path reads it: a snapshot in memory of the {@code member} table, reloaded after
 * every write here ({@link MemberStore}) and, through the {@code member_changed} trigger's NOTIFY, on the other
 * instances. An unknown {@code kid} has the member's key set re-fetched ({@link MemberKeySets}).
 */
@ApplicationScoped
public class MemberRegistry implements MemberDirectory {

    private static final Logger LOG = Logger.getLogger(MemberRegistry.class);
    static final String CHANNEL = "ymt_member_changed";
    private static final String COLUMNS = "entity_id, display_name, kind, region_prefixes, base_url, standby_urls, dialect,"
            + " tls_cert_sha256, jwks, jwks_uri, status, code_max_lifetime_seconds";

    private final Pool pool;
    private final PgSubscriber subscriber;
    private final MemberKeySets keySets;
    private final AtomicLong reloadsStarted = new AtomicLong();
    private long appliedGeneration;
    private volatile Map<String, Member> byId = Map.of();

    public MemberRegistry(Pool pool, PgSubscriber subscriber, MemberKeySets keySets) {
        this.pool = pool;
        this.subscriber = subscriber;
        this.keySets = keySets;
    }

    void onStart(@Observes StartupEvent event) {
        subscriber.channel(CHANNEL).handler(entityId -> reload().subscribe().with(ok -> {
        }, failure -> LOG.warn("Could not reload the member registry after a change", failure)));
        subscriber.connect().await().indefinitely();
        reload().await().indefinitely();
        LOG.infof("Member registry loaded: %d members", byId.size());
    }

    /**
     * Re-reads every member; the registry of one hub is small (its direct children). Reloads may overlap (a NOTIFY
     * and a save); the one that started last wins, so a slow earlier read never puts back a state already replaced.
     */
    public Uni<Void> reload() {
        long generation = reloadsStarted.incrementAndGet();
        return pool.query("select " + COLUMNS + " from member").execute().map(rows -> {
            Map<String, Member> members = new HashMap<>();
            for (Row row : rows) {
                Member m = toMember(row);
                members.put(m.entityId(), m);
            }
            synchronized (reloadsStarted) {
                if (generation > appliedGeneration) {
                    appliedGeneration = generation;
                    byId = Map.copyOf(members);
                }
            }
            return null;
        }).replaceWithVoid();
    }

    @Override
    public Optional<Member> find(String entityId) {
        return Optional.ofNullable(byId.get(entityId));
    }

    /** Every member, whatever its status. */
    public Collection<Member> all() {
        return byId.values();
    }

    @Override
    public Optional<Member> childServing(String regionCode) {
        return byId.values().stream()
                .filter(m -> m.matchLength(regionCode) > 0)
                .max(Comparator.comparingInt(m -> m.matchLength(regionCode)));
    }

    /** The member whose registered client certificate has this SHA-256 fingerprint. */
    public Optional<Member> findByCertificate(String sha256) {
        return byId.values().stream().filter(m -> sha256.equals(m.tlsCertSha256())).findFirst();
    }

    @Override
    public Uni<KeyResolver> keysFor(Member member, String kid) {
        if ((kid != null && member.keys().resolve(kid).isPresent()) || member.jwksUri() == null) {
            return Uni.createFrom().item(member.keys());
        }
        return keySets.refresh(member).flatMap(fetched -> fetched.isPresent()
                ? reload().replaceWith((KeyResolver) fetched.get())
                : Uni.createFrom().item(find(member.entityId()).map(Member::keys).orElse(member.keys())));
    }

    /** Another member serving one of {@code prefixes}, or one that nests with them ({@code 31} and {@code 3101}). */
    Optional<String> overlappingPrefixOwner(String entityId, List<String> prefixes) {
        return byId.values().stream()
                .filter(m -> !m.entityId().equals(entityId))
                .filter(m -> m.regionPrefixes().stream().anyMatch(theirs -> prefixes.stream()
                        .anyMatch(ours -> ours.startsWith(theirs) || theirs.startsWith(ours))))
                .map(Member::entityId).findFirst();
    }

    private static Member toMember(Row row) {
        String jwks = row.getString("jwks");
        return new Member(row.getString("entity_id"), row.getString("display_name"),
                MemberKind.valueOf(row.getString("kind")), prefixes(row.getString("region_prefixes")),
                baseUrls(row.getString("base_url"), row.getString("standby_urls")), row.getString("dialect"), row
                        .getString("tls_cert_sha256"),
                Optional.ofNullable(row.getString("jwks_uri")).map(URI::create).orElse(null),
                MemberStatus.valueOf(row.getString("status")),
                jwks == null ? new JwkSet(List.of()) : JwkSet.parse(jwks),
                row.getLong("code_max_lifetime_seconds") == null ? CodePolicy.DEFAULT_MAX_LIFETIME
                        : Duration.ofSeconds(row.getLong("code_max_lifetime_seconds")));
    }

    /** The primary base URL and the standby ones (stored space-separated, in order). */
    static List<URI> baseUrls(String primary, String standbys) {
        List<URI> urls = new ArrayList<>();
        urls.add(URI.create(primary));
        if (standbys != null && !standbys.isBlank()) {
            Arrays.stream(standbys.strip().split(" +")).map(URI::create).forEach(urls::add);
        }
        return List.copyOf(urls);
    }

    static List<String> prefixes(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).toList();
    }
}

package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The member registry: records in PostgreSQL, a snapshot in memory for the hot path. Every write reloads
 * the snapshot here, and the {@code member_changed} trigger's NOTIFY reloads it on the other instances.
 */
@ApplicationScoped
public class MemberRegistry implements MemberDirectory {

    private static final Logger LOG = Logger.getLogger(MemberRegistry.class);
    static final String CHANNEL = "ymt_member_changed";
    private static final String COLUMNS = "entity_id, display_name, kind, region_prefixes, parent, base_url, dialect,"
            + " tls_cert_sha256, jwks, jwks_uri, status, trust_marks, created_at, updated_at";

    private final Pool pool;
    private final PgSubscriber subscriber;
    private final HubConfig hub;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final KeySetFetcher fetcher;
    private static final Duration KEY_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final Map<String, Instant> lastRefreshAttempt = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong reloadsStarted = new AtomicLong();
    private long appliedGeneration;
    private volatile Snapshot snapshot = new Snapshot(Map.of());

    public MemberRegistry(Pool pool, PgSubscriber subscriber, HubConfig hub, Clock clock, ObjectMapper mapper,
            KeySetFetcher fetcher) {
        this.pool = pool;
        this.subscriber = subscriber;
        this.hub = hub;
        this.clock = clock;
        this.mapper = mapper;
        this.fetcher = fetcher;
    }

    void onStart(@Observes StartupEvent event) {
        subscriber.channel(CHANNEL).handler(entityId -> reload().subscribe().with(ok -> {
        }, failure -> LOG.warn("Could not reload the member registry after a change", failure)));
        subscriber.connect().await().indefinitely();
        reload().await().indefinitely();
        LOG.infof("Member registry loaded: %d members", snapshot.byId().size());
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
                    snapshot = new Snapshot(Map.copyOf(members));
                }
            }
            return null;
        }).replaceWithVoid();
    }

    // ---- the hot path: memory only ----

    @Override
    public Optional<Member> find(String entityId) {
        return Optional.ofNullable(snapshot.byId().get(entityId));
    }

    @Override
    public Optional<Member> childServing(String regionCode) {
        return snapshot.byId().values().stream()
                .filter(m -> m.matchLength(regionCode) > 0)
                .max(Comparator.comparingInt(m -> m.matchLength(regionCode)));
    }

    /** The member whose registered client certificate has this SHA-256 fingerprint. */
    public Optional<Member> findByCertificate(String sha256) {
        return snapshot.byId().values().stream().filter(m -> sha256.equals(m.tlsCertSha256())).findFirst();
    }

    @Override
    public Uni<KeyResolver> keysFor(Member member, String kid) {
        if ((kid != null && member.keys().resolve(kid).isPresent()) || member.jwksUri() == null) {
            return Uni.createFrom().item(member.keys());
        }
        return claimRefresh(member.entityId()).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(find(member.entityId()).map(Member::keys).orElse(member.keys()));
            }
            return fetcher.fetch(member.jwksUri())
                    .flatMap(keys -> pool.preparedQuery("update member set jwks = $1 where entity_id = $2")
                            .execute(Tuple.of(keys.toJson().toString(), member.entityId()))
                            .flatMap(updated -> reload()).replaceWith((KeyResolver) keys))
                    .onFailure().recoverWithItem((Throwable failure) -> {
                        LOG.warnf("Could not re-fetch the key set of %s from %s: %s", member.entityId(),
                                member.jwksUri(), failure.getMessage());
                        return member.keys();
                    });
        });
    }

    /**
     * At most one key-set fetch per member per 30 s, across every hub instance (REQ-KEY-1). This instance's own
     * recent attempts are remembered first, so a flood of codes with made-up kids costs no database round trip.
     */
    private Uni<Boolean> claimRefresh(String entityId) {
        Instant now = clock.instant();
        Instant last = lastRefreshAttempt.get(entityId);
        if (last != null && last.plus(KEY_REFRESH_INTERVAL).isAfter(now)) {
            return Uni.createFrom().item(false);
        }
        lastRefreshAttempt.put(entityId, now);
        return pool.preparedQuery("update member set jwks_fetched_at = $2 where entity_id = $1"
                + " and (jwks_fetched_at is null or jwks_fetched_at < $2::timestamptz - interval '30 seconds')")
                .execute(Tuple.of(entityId, now()))
                .map(result -> result.rowCount() == 1);
    }

    // ---- administration ----

    public Uni<List<MemberRecord>> list() {
        return pool.query("select " + COLUMNS + " from member order by entity_id").execute()
                .map(rows -> {
                    List<MemberRecord> records = new java.util.ArrayList<>();
                    rows.forEach(row -> records.add(toRecord(row)));
                    return records;
                });
    }

    public Uni<Optional<MemberRecord>> get(String entityId) {
        return pool.preparedQuery("select " + COLUMNS + " from member where entity_id = $1")
                .execute(Tuple.of(entityId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRecord(rows.iterator().next())));
    }

    /** Creates the member, or replaces it when {@code replace} is set; true when it was created. */
    public Uni<Boolean> save(MemberRecord record, boolean replace) {
        JwkSet keys = checked(record);
        OffsetDateTime now = now();
        String upsert = "insert into member (" + COLUMNS
                + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '[]', $12, $12)"
                + (replace
                        ? " on conflict (entity_id) do update set display_name = excluded.display_name, kind = excluded.kind,"
                                + " region_prefixes = excluded.region_prefixes, parent = excluded.parent, base_url = excluded.base_url,"
                                + " dialect = excluded.dialect, tls_cert_sha256 = excluded.tls_cert_sha256, jwks = excluded.jwks,"
                                + " jwks_uri = excluded.jwks_uri, status = excluded.status, updated_at = excluded.updated_at"
                        : "")
                + " returning (xmax = 0) as created";
        Tuple values = Tuple.tuple(List.of(record.entityId(), record.displayName(), record.kind().name(),
                String.join(",", record.regionPrefixes()), record.parent(), record.baseUrl().toString(),
                record.dialect()))
                .addValue(record.tlsCertSha256())
                .addValue(keys == null ? null : keys.toJson().toString())
                .addValue(record.jwksUri() == null ? null : record.jwksUri().toString())
                .addValue(record.status().name())
                .addValue(now);
        return pool.withTransaction(conn -> conn.preparedQuery(upsert).execute(values))
                .onFailure(this::isUniqueViolation).transform(e -> conflict(record, e))
                .flatMap(rows -> reload().replaceWith(rows.iterator().next().getBoolean("created")))
                .invoke(created -> prefetchKeys(record));
    }

    /**
     * A member registered by {@code jwksUri} alone has its key set fetched now, in the background, so the first
     * code it issues is not the one that waits for the fetch (and overruns a caller's timeout). A member that is
     * not up yet is fetched again on its first unknown {@code kid}, as always (REQ-KEY-1).
     */
    private void prefetchKeys(MemberRecord record) {
        if (record.jwks() == null && record.jwksUri() != null) {
            find(record.entityId()).ifPresent(member -> keysFor(member, null).subscribe().with(keys -> {
            }, failure -> LOG.debugf("Key set of %s not fetched at registration: %s", member.entityId(), failure)));
        }
    }

    /**
     * Replaces the member's trust marks with {@code change} applied to them, in one transaction that holds the
     * member's row, so two uploads for one member never lose each other's mark. A {@link ProblemException} thrown
     * by {@code change} rolls back and changes nothing; an unknown member is {@code not-found}.
     */
    public Uni<Void> updateTrustMarks(String entityId, UnaryOperator<List<TrustMark>> change) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("select trust_marks from member where entity_id = $1 for update")
                .execute(Tuple.of(entityId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw MemberAdminResource.notFound(entityId);
                    }
                    List<TrustMark> marks = change.apply(trustMarks(rows.iterator().next().getString("trust_marks")));
                    return conn.preparedQuery(
                            "update member set trust_marks = $2, updated_at = $3 where entity_id = $1")
                            .execute(Tuple.of(entityId, writeJson(marks), now()));
                }))
                .flatMap(updated -> reload());
    }

    private JwkSet checked(MemberRecord record) {
        Validation.requireValid(record);
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!hub.entityId().equals(record.parent())) {
            errors.add(new FieldError("/parent", "must be this hub, " + hub.entityId()));
        }
        if (record.jwks() == null && record.jwksUri() == null) {
            errors.add(new FieldError("/jwks", "give the key set inline or a jwksUri to fetch it from"));
        }
        String overlapping = overlappingPrefixOwner(record);
        if (overlapping != null) {
            errors.add(new FieldError("/regionPrefixes", "a prefix is, contains or lies within one served by "
                    + overlapping + " (prefixes never nest, REQ-REG-2)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The member record is not acceptable", errors);
        }
        return record.jwks();
    }

    /** Another member serving one of the record's prefixes, or one that nests with it ({@code 31} and {@code 3101}). */
    private String overlappingPrefixOwner(MemberRecord record) {
        return snapshot.byId().values().stream()
                .filter(m -> !m.entityId().equals(record.entityId()))
                .filter(m -> m.regionPrefixes().stream().anyMatch(theirs -> record.regionPrefixes().stream()
                        .anyMatch(ours -> ours.startsWith(theirs) || theirs.startsWith(ours))))
                .map(Member::entityId).findFirst().orElse(null);
    }

    private boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private Throwable conflict(MemberRecord record, Throwable e) {
        // the unique constraint PostgreSQL names for the column (members_tls_cert_sha256_key), not the message text
        String constraint = e instanceof PgException pg ? pg.getConstraint() : null;
        String detail = constraint != null && constraint.contains("tls_cert_sha256")
                ? "Another member is bound to this certificate"
                : "Member " + record.entityId() + " already exists; PUT replaces it";
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    // ---- mapping ----

    private Member toMember(Row row) {
        String jwks = row.getString("jwks");
        return new Member(row.getString("entity_id"), row.getString("display_name"),
                MemberKind.valueOf(row.getString("kind")), prefixes(row), URI.create(row.getString("base_url")),
                row.getString("dialect"), row.getString("tls_cert_sha256"),
                Optional.ofNullable(row.getString("jwks_uri")).map(URI::create).orElse(null),
                MemberStatus.valueOf(row.getString("status")),
                jwks == null ? new JwkSet(List.of()) : JwkSet.parse(jwks));
    }

    private MemberRecord toRecord(Row row) {
        ObjectNode node = mapper.createObjectNode();
        node.put("entityId", row.getString("entity_id"));
        node.put("displayName", row.getString("display_name"));
        node.put("kind", row.getString("kind"));
        prefixes(row).forEach(node.putArray("regionPrefixes")::add);
        node.put("parent", row.getString("parent"));
        node.put("baseUrl", row.getString("base_url"));
        node.put("dialect", row.getString("dialect"));
        node.put("tlsCertSha256", row.getString("tls_cert_sha256"));
        if (row.getString("jwks") != null) {
            node.set("jwks", readTree(row.getString("jwks")));
        }
        node.put("jwksUri", row.getString("jwks_uri"));
        node.put("status", row.getString("status"));
        node.set("trustMarks", readTree(row.getString("trust_marks")));
        node.put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
        node.put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
        try {
            return mapper.treeToValue(node, MemberRecord.class);
        } catch (Exception e) {
            throw new IllegalStateException("Stored member record " + row.getString("entity_id") + " is unreadable", e);
        }
    }

    private List<TrustMark> trustMarks(String json) {
        try {
            return List.of(mapper.readValue(json, TrustMark[].class));
        } catch (Exception e) {
            throw new IllegalStateException("Stored trust marks are unreadable", e);
        }
    }

    private String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    private static List<String> prefixes(Row row) {
        String stored = row.getString("region_prefixes");
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).toList();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private record Snapshot(Map<String, Member> byId) {}
}

package org.yimatong.hub.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.audit.AuditCheckpoints;
import org.yimatong.hub.audit.AuditVerifier;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.hub.lists.ingest.IngestProgress;
import org.yimatong.hub.memberapi.GuardedMemberClient;
import org.yimatong.hub.memberapi.MemberClient;
import org.yimatong.hub.memberapi.Peer;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberRegistry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.BatchProgress;
import org.yimatong.schemas.payload.MemberPublicView;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.payload.validation.Patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Gathers what the console pages show, without blocking: the registry and the breakers are in memory, the rest is
 * read through the reactive pool. Every text that comes from a table or a member passes {@link #shown(String)}, so a
 * resident ID number that slipped into one is never rendered.
 */
@ApplicationScoped
public class ConsoleViews {

    /** How many rows a page lists: the recent ones, newest first. */
    static final int RECENT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String WITHHELD = "[ID number withheld]";

    private final HubConfig hub;
    private final PublicUrl publicUrl;
    private final MemberRegistry registry;
    private final MemberClient client;
    private final CircuitBreakerMaintenance breakers;
    private final Pool pool;
    private final AuditVerifier auditVerifier;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final ObjectMapper json;

    public ConsoleViews(HubConfig hub, PublicUrl publicUrl, MemberRegistry registry, MemberClient client,
            CircuitBreakerMaintenance breakers, Pool pool, AuditVerifier auditVerifier, AuditCheckpoints checkpoints,
            Clock clock, ObjectMapper json) {
        this.hub = hub;
        this.publicUrl = publicUrl;
        this.registry = registry;
        this.client = client;
        this.breakers = breakers;
        this.pool = pool;
        this.auditVerifier = auditVerifier;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.json = json;
    }

    // ---- the federation tree

    /**
     * This hub, its parent, and each direct member with its breaker, last list batch and key expiry; below each
     * active child hub, the members that hub publishes.
     */
    public record Tree(HubView hub, List<MemberRow> members, int openBreakers, String renderedAt) {}

    public record HubView(String entityId, String displayName, String parent, String publicUrl) {}

    /**
     * A direct member. {@code domId} is its entity id made safe for an HTML id; {@code breaker} is the state of its
     * primary endpoint's breaker ({@code closed}, {@code open} or {@code half-open}), {@code breakerCalled} false while
     * no call has made it; {@code standbys} are its other endpoints, each with its own breaker; {@code below} is
     * what an active child hub says of its own members, null for a platform.
     */
    public record MemberRow(String entityId, String domId, String displayName, String kind, String status,
            String regionPrefixes, String dialect, String breaker, boolean breakerCalled, List<Standby> standbys,
            LastBatch lastBatch, KeyExpiry keyExpiry, Below below) {}

    /**
     * A child hub's own members as it publishes them ({@code GET /v1/members}: no breakers, batches or keys, which
     * are in that hub's console), or, in {@code unknown}, why they could not be read.
     */
    public record Below(List<BelowMember> members, String unknown) {}

    public record BelowMember(String entityId, String displayName, String kind, String status,
            String regionPrefixes) {}

    /** A breaker's state ({@code closed}, {@code open}, {@code half-open}); not {@code called} while it is unmade. */
    public record Breaker(String state, boolean called) {}

    /** A standby endpoint of a member (REQ-HA-3) and its own breaker. */
    public record Standby(String url, Breaker breaker) {}

    /** A member's latest stored batch; {@code member} differs from the row's member when a child hub relayed it. */
    public record LastBatch(String member, String batchTag, String day, long count, String storedAt) {}

    /**
     * The span of {@code exp} over a member's keys: {@code earliest} and {@code latest} are empty when no key has one
     * ({@code keys} is then all of {@code withoutExpiry}).
     */
    public record KeyExpiry(int keys, String earliest, String latest, int withoutExpiry, boolean anyExpired) {

        public boolean hasExpiry() {
            return !earliest.isEmpty();
        }
    }

    public Uni<Tree> tree() {
        List<Member> members = registry.all().stream()
                .sorted(Comparator.comparing((Member m) -> m.kind() != MemberKind.HUB).thenComparing(Member::entityId))
                .toList();
        Instant now = clock.instant();
        return Uni.combine().all().unis(lastBatches(members.stream().map(Member::entityId).toList()), below(members))
                .asTuple().map(both -> {
                    Map<String, LastBatch> last = both.getItem1();
                    Map<String, Below> below = both.getItem2();
                    List<MemberRow> rows = members.stream().map(m -> row(m, last.get(m.entityId()), below.get(m
                            .entityId()), now)).toList();
                    int open = (int) rows.stream().filter(r -> !"closed".equals(r.breaker())).count();
                    return new Tree(new HubView(shown(hub.entityId()), shown(hub.displayName()),
                            hub.parentEntityId().map(ConsoleViews::shown).orElse(""), shown(publicUrl.base())), rows,
                            open, at(now));
                });
    }

    /**
     * What each active child hub publishes of its members, asked of all at once through the member client, outside
     * their breakers (a child that does not answer costs a render at most the transport's deadline per address).
     */
    private Uni<Map<String, Below>> below(List<Member> members) {
        List<Member> hubs = members.stream().filter(m -> m.kind() == MemberKind.HUB && m.isActive()).toList();
        if (hubs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Below>> asked = hubs.stream().map(h -> client.members(Peer.of(h))
                .map(list -> new Below(list.stream().map(ConsoleViews::belowMember).toList(), ""))
                .onFailure().recoverWithItem(failure -> new Below(List.of(), shown(String.valueOf(failure
                        .getMessage())))))
                .toList();
        return Uni.join().all(asked).andFailFast().map(found -> {
            Map<String, Below> byHub = new HashMap<>();
            for (int i = 0; i < hubs.size(); i++) {
                byHub.put(hubs.get(i).entityId(), found.get(i));
            }
            return byHub;
        });
    }

    private static BelowMember belowMember(MemberPublicView m) {
        return new BelowMember(shown(m.entityId()), shown(m.displayName()), m.kind() == null ? "" : m.kind().name(),
                m.status() == null ? "" : m.status().name(), shown(m.regionPrefixes() == null ? ""
                        : String.join(", ", m.regionPrefixes())));
    }

    /**
     * The latest stored batch by the direct member it came through: a platform's own, or the latest a child hub
     * relayed from below it.
     */
    private Uni<Map<String, LastBatch>> lastBatches(List<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select distinct on (coalesce(relayed_by, member)) coalesce(relayed_by, member) as"
                + " via, member, batch_tag, day, count, stored_at from list_batch"
                + " where coalesce(relayed_by, member) = any($1)"
                + " order by coalesce(relayed_by, member), stored_at desc")
                .execute(Tuple.tuple().addArrayOfString(memberIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, LastBatch> last = new HashMap<>();
                    for (Row r : rows) {
                        last.put(r.getString("via"), new LastBatch(shown(r.getString("member")),
                                shown(r.getString("batch_tag")), r.getLocalDate("day").toString(), r.getLong("count"),
                                at(r.getOffsetDateTime("stored_at"))));
                    }
                    return last;
                });
    }

    private MemberRow row(Member m, LastBatch lastBatch, Below below, Instant now) {
        Breaker primary = breaker(GuardedMemberClient.breakerName(m.entityId()));
        List<Standby> standbys = IntStream.range(1, m.baseUrls().size())
                .mapToObj(i -> new Standby(shown(m.baseUrls().get(i).toString()), breaker(GuardedMemberClient
                        .breakerName(m.entityId(), i))))
                .toList();
        return new MemberRow(shown(m.entityId()), m.entityId().replaceAll("[^A-Za-z0-9_-]", "-"),
                shown(m.displayName()), m.kind().name(), m.status().name(), shown(String.join(", ",
                        m.regionPrefixes())),
                shown(m.dialect()), primary.state(), primary.called(), standbys, lastBatch, keyExpiry(m.keys().keys(),
                        now), below);
    }

    private Breaker breaker(String name) {
        try {
            return new Breaker(switch (breakers.currentState(name)) {
                case CLOSED -> "closed";
                case OPEN -> "open";
                case HALF_OPEN -> "half-open";
            }, true);
        } catch (IllegalArgumentException noBreakerYet) {
            // an endpoint's guard, and with it its breaker, is made on the first call to it
            return new Breaker("closed", false);
        }
    }

    static KeyExpiry keyExpiry(List<Jwk> keys, Instant now) {
        List<Instant> expiries = keys.stream().map(Jwk::expiresAt).flatMap(Optional::stream).sorted().toList();
        if (expiries.isEmpty()) {
            return new KeyExpiry(keys.size(), "", "", keys.size(), false);
        }
        return new KeyExpiry(keys.size(), at(expiries.get(0)), at(expiries.get(expiries.size() - 1)),
                keys.size() - expiries.size(), expiries.get(0).isBefore(now));
    }

    // ---- list batches

    public record Batches(List<Ingest> ingests, List<StoredBatch> stored, boolean hasParent, String renderedAt) {}

    /**
     * An upload not stored (yet): being ingested, refused, or stalled (cut off with its instance, answered as refused
     * by the API). {@code progress} is e.g. {@code 40 %} while the line count is known.
     */
    public record Ingest(String member, String batchTag, String state, boolean stalled, long linesRead, String count,
            String progress, String receivedAt, String updatedAt, String problem) {}

    /** A stored batch; {@code relayedBy} is the child hub it came through, or empty. */
    public record StoredBatch(String member, String relayedBy, String batchTag, String day, String epoch, long count,
            long added, long changed, long removed, long unchanged, String receivedAt, String storedAt,
            String forwarded) {}

    public Uni<Batches> batches() {
        Instant now = clock.instant();
        Uni<List<Ingest>> ingests = pool.preparedQuery("select member, batch_tag, state, lines_read, count,"
                + " received_at, updated_at, problem from batch_progress order by updated_at desc limit $1")
                .execute(Tuple.of(RECENT)).map(rows -> map(rows, r -> ingest(r, now)));
        Uni<List<StoredBatch>> stored = pool.preparedQuery("select member, relayed_by, batch_tag, day, epoch, count,"
                + " added, changed, removed, unchanged, received_at, stored_at, forwarded_at from list_batch"
                + " order by stored_at desc limit $1")
                .execute(Tuple.of(RECENT)).map(rows -> map(rows, this::stored));
        boolean hasParent = hub.parentEntityId().isPresent();
        return Uni.combine().all().unis(ingests, stored).asTuple()
                .map(both -> new Batches(both.getItem1(), both.getItem2(), hasParent, at(now)));
    }

    private Ingest ingest(Row r, Instant now) {
        BatchProgress.State state = BatchProgress.State.valueOf(r.getString("state"));
        Instant updated = r.getOffsetDateTime("updated_at").toInstant();
        boolean stalled = !state.isFinal() && updated.plus(IngestProgress.STALE_AFTER).isBefore(now);
        long lines = r.getLong("lines_read");
        Long count = r.getLong("count");
        String progress = count == null || count == 0 || state.isFinal() ? ""
                : Math.min(100, lines * 100 / count) + " %";
        return new Ingest(shown(r.getString("member")), shown(r.getString("batch_tag")), state.name(), stalled, lines,
                count == null ? "" : count.toString(), progress, at(r.getOffsetDateTime("received_at")), at(updated),
                problem(r.getString("problem")));
    }

    /** The refusal as the batch API serves it, in one line: title, detail and how many field errors. */
    private String problem(String stored) {
        if (stored == null) {
            return "";
        }
        try {
            Problem p = json.readValue(stored, Problem.class);
            int errors = p.errors() == null ? 0 : p.errors().size();
            return shown((p.title() == null ? "" : p.title()) + (p.detail() == null ? "" : ": " + p.detail())
                    + (errors == 0 ? "" : " (" + errors + " field error" + (errors == 1 ? "" : "s") + ")"));
        } catch (java.io.IOException e) {
            return "(the refusal could not be read back)";
        }
    }

    private StoredBatch stored(Row r) {
        OffsetDateTime forwardedAt = r.getOffsetDateTime("forwarded_at");
        return new StoredBatch(shown(r.getString("member")), shown(r.getString("relayed_by")),
                shown(r.getString("batch_tag")), r.getLocalDate("day").toString(), shown(r.getString("epoch")),
                r.getLong("count"), r.getLong("added"), r.getLong("changed"), r.getLong("removed"),
                r.getLong("unchanged"), at(r.getOffsetDateTime("received_at")), at(r.getOffsetDateTime("stored_at")),
                forwardedAt == null ? "" : at(forwardedAt));
    }

    // ---- appeals

    public record Appeals(List<StateCount> states, List<AppealRow> appeals, String renderedAt) {}

    public record StateCount(String state, long count) {}

    /**
     * An appeal as the hub tracks it. Neither its subject nor the appellant's statement is shown: the console has no
     * need for either. {@code nextAttempt} is set while a RECEIVED appeal waits for its home to take it.
     */
    public record AppealRow(String id, String state, String rgn, String ground, String home, String filedBy,
            String batchTag, String filedAt, String updatedAt, int attempts, String nextAttempt, String homeReference,
            String outcome) {}

    public Uni<Appeals> appeals() {
        Uni<List<StateCount>> states = pool.query("select state, count(*) as n from appeal group by state order by"
                + " state").execute().map(rows -> map(rows, r -> new StateCount(r.getString("state"), r.getLong("n"))));
        Uni<List<AppealRow>> recent = pool.preparedQuery("select id, state, rgn, ground, home, filed_by, batch_tag,"
                + " filed_at, updated_at, attempts, next_attempt_at, home_reference, decision from appeal"
                + " order by updated_at desc limit $1")
                .execute(Tuple.of(RECENT)).map(rows -> map(rows, this::appeal));
        return Uni.combine().all().unis(states, recent).asTuple()
                .map(both -> new Appeals(both.getItem1(), both.getItem2(), at(clock.instant())));
    }

    private AppealRow appeal(Row r) {
        OffsetDateTime next = r.getOffsetDateTime("next_attempt_at");
        return new AppealRow(shown(r.getString("id")), r.getString("state"), shown(r.getString("rgn")),
                r.getString("ground"), shown(r.getString("home")), shown(r.getString("filed_by")),
                shown(r.getString("batch_tag")), at(r.getOffsetDateTime("filed_at")),
                at(r.getOffsetDateTime("updated_at")), r.getInteger("attempts"), next == null ? "" : at(next),
                shown(r.getString("home_reference")), outcome(r.getString("decision")));
    }

    private String outcome(String decision) {
        if (decision == null) {
            return "";
        }
        try {
            JsonNode node = json.readTree(decision);
            return shown(node.path("outcome").asText(""));
        } catch (java.io.IOException e) {
            return "(the decision could not be read back)";
        }
    }

    // ---- the audit chain

    /**
     * The audit chain check of {@code GET /v1/audit/verify}, run now. When broken, {@code brokenChain},
     * {@code brokenSeq} and {@code problem} say where first.
     */
    public record Audit(boolean intact, long eventsChecked, int chains, String brokenChain, long brokenSeq,
            String problem, String checkpointAt, String checkedAt) {}

    public Uni<Audit> audit() {
        return auditVerifier.verify().flatMap(verdict -> checkpoints.latest().map(checkpoint -> {
            AuditVerifier.BrokenLink broken = verdict.firstBrokenLink();
            return new Audit(verdict.intact(), verdict.eventsChecked(), verdict.chains(),
                    broken == null ? "" : shown(broken.chainId()), broken == null ? 0 : broken.seq(),
                    broken == null ? "" : shown(broken.problem()),
                    checkpoint.map(c -> at(c.at())).orElse(""), at(clock.instant()));
        }));
    }

    // ---- helpers

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> row) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(row.apply(r));
        }
        return out;
    }

    /** Text as the console may show it: never null, and never with anything shaped like a resident ID number. */
    static String shown(String text) {
        return text == null ? "" : Patterns.ID_NUMBER_LIKE.matcher(text).replaceAll(WITHHELD);
    }

    static String at(Instant instant) {
        return TIME.format(instant);
    }

    private static String at(OffsetDateTime time) {
        return time == null ? "" : TIME.format(time.toInstant());
    }
}

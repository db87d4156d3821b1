package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Member records as operators edit them (REQ-REG-1): {@link StoredMember} rows through Hibernate Reactive, checked
 * before they are written (the parent is this hub, a key set or where to fetch it, prefixes that never nest). Every
 * write reloads this instance's {@link MemberRegistry}; the table's NOTIFY reloads the others.
 */
@ApplicationScoped
public class MemberStore {

    private static final Logger LOG = Logger.getLogger(MemberStore.class);

    private final MemberRegistry registry;
    private final HubConfig hub;
    private final Clock clock;
    private final ObjectMapper mapper;

    public MemberStore(MemberRegistry registry, HubConfig hub, Clock clock, ObjectMapper mapper) {
        this.registry = registry;
        this.hub = hub;
        this.clock = clock;
        this.mapper = mapper;
    }

    public Uni<List<MemberRecord>> list() {
        return Panache.withSession(() -> StoredMember.<StoredMember>list("order by entityId"))
                .map(rows -> rows.stream().map(this::toRecord).toList());
    }

    public Uni<Optional<MemberRecord>> get(String entityId) {
        return Panache.withSession(() -> StoredMember.<StoredMember>findById(entityId))
                .map(row -> Optional.ofNullable(row).map(this::toRecord));
    }

    /** Creates the member, or replaces it when {@code replace} is set; true when it was created. */
    public Uni<Boolean> save(MemberRecord record, boolean replace) {
        JwkSet keys = checked(record);
        Instant now = now();
        return Panache.withTransaction(() -> StoredMember.<StoredMember>findById(record.entityId()).flatMap(found -> {
            if (found != null && !replace) {
                return Uni.createFrom().failure(exists(record));
            }
            StoredMember row = found != null ? found : created(record.entityId(), now);
            row.displayName = record.displayName();
            row.kind = record.kind().name();
            row.regionPrefixes = String.join(",", record.regionPrefixes());
            row.parent = record.parent();
            row.baseUrl = record.baseUrl().toString();
            row.standbyUrls = standbyUrls(record);
            row.dialect = record.dialect();
            row.tlsCertSha256 = record.tlsCertSha256();
            row.jwks = keys == null ? null : keys.toJson().toString();
            row.jwksUri = record.jwksUri() == null ? null : record.jwksUri().toString();
            row.status = record.status().name();
            row.codeMaxLifetimeSeconds = record.codePolicy() == null ? null : record.codePolicy().maxLifetimeSeconds();
            row.updatedAt = now;
            return row.persistAndFlush().replaceWith(found == null);
        }))
                .onFailure(MemberStore::isUniqueViolation).transform(e -> conflict(record, e))
                .call(created -> registry.reload())
                .invoke(created -> prefetchKeys(record));
    }

    /**
     * Replaces the member's trust marks with {@code change} applied to them, in one transaction that holds the
     * member's row, so two uploads for one member never lose each other's mark. A {@link ProblemException} thrown
     * by {@code change} rolls back and changes nothing; an unknown member is {@code not-found}.
     */
    public Uni<Void> updateTrustMarks(String entityId, UnaryOperator<List<TrustMark>> change) {
        return Panache.withTransaction(() -> StoredMember.<StoredMember>findById(entityId,
                LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(MemberAdminResource.notFound(entityId));
                    }
                    row.trustMarks = writeJson(change.apply(trustMarks(row.trustMarks)));
                    row.updatedAt = now();
                    return row.persistAndFlush();
                }))
                .call(updated -> registry.reload())
                .replaceWithVoid();
    }

    /**
     * A member registered by {@code jwksUri} alone has its key set fetched now, in the background, so the first
     * code it issues is not the one that waits for the fetch (and overruns a caller's timeout). A member that is
     * not up yet is fetched again on its first unknown {@code kid}, as always (REQ-KEY-1).
     */
    private void prefetchKeys(MemberRecord record) {
        if (record.jwks() == null && record.jwksUri() != null) {
            registry.find(record.entityId()).ifPresent(member -> registry.keysFor(member, null).subscribe().with(
                    keys -> {
                    }, failure -> LOG.debugf("Key set of %s not fetched at registration: %s", member.entityId(),
                            failure)));
        }
    }

    private JwkSet checked(MemberRecord record) {
        Validation.requireValid(record);
        List<FieldError> errors = new ArrayList<>();
        if (!hub.entityId().equals(record.parent())) {
            errors.add(new FieldError("/parent", "must be this hub, " + hub.entityId()));
        }
        if (record.jwks() == null && record.jwksUri() == null) {
            errors.add(new FieldError("/jwks", "give the key set inline or a jwksUri to fetch it from"));
        }
        registry.overlappingPrefixOwner(record.entityId(), record.regionPrefixes()).ifPresent(owner -> errors.add(
                new FieldError("/regionPrefixes", "a prefix is, contains or lies within one served by " + owner
                        + " (prefixes never nest, REQ-REG-2)")));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The member record is not acceptable", errors);
        }
        return record.jwks();
    }

    private static String standbyUrls(MemberRecord record) {
        if (record.baseUrls() == null || record.baseUrls().size() < 2) {
            return null;
        }
        return String.join(" ", record.baseUrls().subList(1, record.baseUrls().size()).stream().map(URI::toString)
                .toList());
    }

    private static StoredMember created(String entityId, Instant now) {
        StoredMember row = new StoredMember();
        row.entityId = entityId;
        row.trustMarks = "[]";
        row.createdAt = now;
        return row;
    }

    private static ProblemException exists(MemberRecord record) {
        return new ProblemException(ProblemType.CONFLICT, "Member " + record.entityId()
                + " already exists; PUT replaces it");
    }

    private static boolean isUniqueViolation(Throwable e) {
        return constraintViolated(e) != null;
    }

    /** The unique constraint a write broke (by the name PostgreSQL gives it), or null. */
    private static String constraintViolated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return pg.getConstraint() == null ? "" : pg.getConstraint();
            }
            if (t instanceof ConstraintViolationException violation) {
                return violation.getConstraintName() == null ? "" : violation.getConstraintName();
            }
        }
        return null;
    }

    private static ProblemException conflict(MemberRecord record, Throwable e) {
        // the constraint PostgreSQL names for the column (member_tls_cert_sha256_key), not the message text;
        // another instance may have created the same member between the read and the insert (member_pkey)
        return constraintViolated(e).contains("tls_cert_sha256")
                ? new ProblemException(ProblemType.CONFLICT, "Another member is bound to this certificate")
                : exists(record);
    }

    private MemberRecord toRecord(StoredMember row) {
        ObjectNode node = mapper.createObjectNode();
        node.put("entityId", row.entityId);
        node.put("displayName", row.displayName);
        node.put("kind", row.kind);
        MemberRegistry.prefixes(row.regionPrefixes).forEach(node.putArray("regionPrefixes")::add);
        node.put("parent", row.parent);
        node.put("baseUrl", row.baseUrl);
        if (row.standbyUrls != null) {
            var urls = node.putArray("baseUrls");
            MemberRegistry.baseUrls(row.baseUrl, row.standbyUrls).forEach(url -> urls.add(url.toString()));
        }
        node.put("dialect", row.dialect);
        node.put("tlsCertSha256", row.tlsCertSha256);
        if (row.jwks != null) {
            node.set("jwks", readTree(row.jwks));
        }
        node.put("jwksUri", row.jwksUri);
        node.put("status", row.status);
        if (row.codeMaxLifetimeSeconds != null) {
            node.putObject("codePolicy").put("maxLifetimeSeconds", row.codeMaxLifetimeSeconds);
        }
        node.set("trustMarks", readTree(row.trustMarks));
        node.put("createdAt", row.createdAt.toString());
        node.put("updatedAt", row.updatedAt.toString());
        try {
            return mapper.treeToValue(node, MemberRecord.class);
        } catch (Exception e) {
            throw new IllegalStateException("Stored member record " + row.entityId + " is unreadable", e);
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

    private Instant now() {
        // PostgreSQL keeps microseconds: what is written is what is read back
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package org.yimatong.hub.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row of {@code member}, as operators edit it (Hibernate Reactive). The hot path never reads it: it reads the
 * {@link MemberRegistry} snapshot. {@code jwks_fetched_at} is not mapped: only the key-set refresh claims it.
 */
@Entity
@Table(name = "member")
public class StoredMember extends PanacheEntityBase {

    @Id
    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "display_name")
    public String displayName;

    public String kind;

    /** Comma-separated GB/T 2260 prefixes. */
    @Column(name = "region_prefixes")
    public String regionPrefixes;

    public String parent;

    @Column(name = "base_url")
    public String baseUrl;

    /** Space-separated endpoints tried after {@link #baseUrl}, in order; null when there are none. */
    @Column(name = "standby_urls")
    public String standbyUrls;

    public String dialect;

    @Column(name = "tls_cert_sha256")
    public String tlsCertSha256;

    /** The key set as JSON, inline or as last fetched from {@link #jwksUri}. */
    public String jwks;

    @Column(name = "jwks_uri")
    public String jwksUri;

    public String status;

    /** The member's codePolicy: the longest life of its dynamic codes; null for the one-minute default. */
    @Column(name = "code_max_lifetime_seconds")
    public Long codeMaxLifetimeSeconds;

    /** The trust marks as a JSON array. */
    @Column(name = "trust_marks")
    public String trustMarks;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

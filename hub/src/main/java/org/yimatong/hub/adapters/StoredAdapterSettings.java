package org.yimatong.hub.adapters;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A row of {@code member_adapter}: a native member's adapter settings, the secret sealed by the master key. */
@Entity
@Table(name = "member_adapter")
public class StoredAdapterSettings extends PanacheEntityBase {

    @Id
    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "credential_id")
    public String credentialId;

    @Column(name = "secret_nonce")
    public byte[] secretNonce;

    @Column(name = "secret_sealed")
    public byte[] secretSealed;

    /** The dialect options as a JSON object of strings. */
    public String options;

    @Column(name = "timeout_ms")
    public Integer timeoutMs;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

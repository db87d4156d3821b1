package org.yimatong.hub.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One of the hub's signing keys as stored: public JWK in the clear, private key sealed. */
@Entity
@Table(name = "hub_signing_key")
public class HubSigningKey extends PanacheEntityBase {

    @Id
    public String kid;

    public String alg;

    @Column(name = "public_jwk")
    public String publicJwk;

    @Column(name = "private_key_nonce")
    public byte[] privateKeyNonce;

    @Column(name = "private_key_sealed")
    public byte[] privateKeySealed;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "publish_from")
    public Instant publishFrom;

    @Column(name = "sign_from")
    public Instant signFrom;

    @Column(name = "retire_at")
    public Instant retireAt;
}

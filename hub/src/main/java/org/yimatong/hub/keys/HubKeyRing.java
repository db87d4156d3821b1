package org.yimatong.hub.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The hub's own signing keys, held in memory for the hot path and kept in the database (private parts
 * sealed by {@link SealedKeyVault}). At start the hub loads them, and generates one key per configured
 * algorithm that has none yet: so a restart keeps its keys, and several instances share them.
 */
@ApplicationScoped
public class HubKeyRing {

    private static final Logger LOG = Logger.getLogger(HubKeyRing.class);
    /** Serialises first-start key generation across hub instances sharing one database. */
    private static final long KEY_GENERATION_LOCK = 0x796d742d6b657973L; // "ymt-keys"

    private final HubConfig hub;
    private final SealedKeyVault vault;
    private final Clock clock;
    private volatile List<HubKey> keys = List.of();

    public HubKeyRing(HubConfig hub, SealedKeyVault vault, Clock clock) {
        this.hub = hub;
        this.vault = vault;
        this.clock = clock;
    }

    /** A key with its rotation window. */
    public record HubKey(Jwk jwk, Instant publishFrom, Instant signFrom, Instant retireAt) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        keys = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::loadOrGenerate));
        LOG.infof("Signing keys: %s", keys.stream().map(k -> k.jwk().profile().joseName() + " " + k.jwk().kid()).toList());
    }

    private Uni<List<HubKey>> loadOrGenerate() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_advisory_xact_lock(" + KEY_GENERATION_LOCK + ")")
                        .getSingleResult())
                .flatMap(locked -> HubSigningKey.<HubSigningKey>listAll())
                .flatMap(stored -> {
                    List<HubKey> loaded = new ArrayList<>(stored.stream().map(this::open).toList());
                    Uni<Void> generated = Uni.createFrom().voidItem();
                    for (String alg : hub.signingAlgorithms()) {
                        SignatureProfile profile = SignatureProfile.fromJoseName(alg)
                                .orElseThrow(() -> new IllegalStateException("ymt.hub.signing-algorithms names an unknown algorithm: " + alg));
                        if (loaded.stream().noneMatch(k -> k.jwk().profile() == profile)) {
                            HubKey fresh = generate(profile);
                            loaded.add(fresh);
                            generated = generated.flatMap(v -> persist(fresh));
                        }
                    }
                    return generated.replaceWith(List.copyOf(loaded));
                });
    }

    private HubKey generate(SignatureProfile profile) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Jwk jwk = Jwk.generate(profile);
        LOG.infof("Generated a new %s signing key %s", profile.joseName(), jwk.kid());
        return new HubKey(jwk, now, now, null);
    }

    private Uni<Void> persist(HubKey key) {
        SealedKeyVault.Sealed sealed = vault.seal(key.jwk().toPrivateJson().toString().getBytes(StandardCharsets.UTF_8),
                key.jwk().kid());
        HubSigningKey row = new HubSigningKey();
        row.kid = key.jwk().kid();
        row.alg = key.jwk().profile().joseName();
        row.publicJwk = key.jwk().toJson().toString();
        row.privateKeyNonce = sealed.nonce();
        row.privateKeySealed = sealed.ciphertext();
        row.createdAt = key.publishFrom();
        row.publishFrom = key.publishFrom();
        row.signFrom = key.signFrom();
        row.retireAt = key.retireAt();
        return row.persist().replaceWithVoid();
    }

    private HubKey open(HubSigningKey row) {
        byte[] privateJson = vault.open(new SealedKeyVault.Sealed(row.privateKeyNonce, row.privateKeySealed), row.kid);
        return new HubKey(Jwk.parse(new String(privateJson, StandardCharsets.UTF_8)), row.publishFrom, row.signFrom,
                row.retireAt);
    }

    /** The key that signs now with {@code profile}: the newest whose signing window has begun. */
    public Optional<Jwk> signingKey(SignatureProfile profile) {
        Instant now = clock.instant();
        return keys.stream()
                .filter(k -> k.jwk().profile() == profile && !k.signFrom().isAfter(now)
                        && (k.retireAt() == null || k.retireAt().isAfter(now)))
                .max(Comparator.comparing(HubKey::signFrom))
                .map(HubKey::jwk);
    }

    /** What {@code /v1/jwks} publishes: every key whose publication has begun, public parts only. */
    public JwkSet publishedKeys() {
        Instant now = clock.instant();
        return new JwkSet(keys.stream()
                .filter(k -> !k.publishFrom().isAfter(now))
                .map(k -> k.jwk().publicOnly())
                .toList());
    }
}

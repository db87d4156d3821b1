package org.yimatong.hub.keys;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.KeyRotationResult;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.rotation.HubKey;
import org.yimatong.tokens.rotation.HubKeyList;
import org.yimatong.tokens.rotation.HubKeys;
import org.yimatong.tokens.rotation.KeyRotationPolicy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hub's own signing keys, held in memory for the hot path and kept in the database (private parts sealed by
 * {@link SealedKeyVault}). Which key signs and which keys {@code /v1/jwks} publishes is token-service's
 * {@link KeyRotationPolicy}: a new key is published {@code publishAhead} before it signs, and the key it replaces
 * stays published until its last token has expired. At start the hub loads the keys and generates one per
 * configured algorithm that has none; a rotation on any instance reaches the others by NOTIFY (REQ-HA-1). Key
 * generation and rotation hold a PostgreSQL advisory lock, so instances never rotate twice at once.
 */
@ApplicationScoped
public class HubKeyRing implements HubKeys {

    private static final Logger LOG = Logger.getLogger(HubKeyRing.class);
    /** Serialises key generation and rotation across hub instances sharing one database. */
    private static final long KEY_LOCK = 0x796d742d6b657973L; // "ymt-keys"
    static final String CHANNEL = "ymt_hub_keys_changed";
    private static final String COLUMNS = "kid, private_key_nonce, private_key_sealed, publish_from, sign_from, retire_at";

    private final HubConfig hub;
    private final KeysConfig config;
    private final SealedKeyVault vault;
    private final Clock clock;
    private final Pool pool;
    private final PgSubscriber subscriber;
    private final KeyRotationPolicy policy;
    private volatile HubKeyList keys;

    public HubKeyRing(HubConfig hub, KeysConfig config, SealedKeyVault vault, Clock clock, Pool pool,
            PgSubscriber subscriber) {
        this.hub = hub;
        this.config = config;
        this.vault = vault;
        this.clock = clock;
        this.pool = pool;
        this.subscriber = subscriber;
        // Nothing the hub signs lives longer than TokenSettings allows an access token.
        this.policy = new KeyRotationPolicy(TokenSettings.MAX_ACCESS_TOKEN_LIFETIME, config.rotation().clockSkew());
        this.keys = new HubKeyList(List.of(), policy);
    }

    void onStart(@Observes StartupEvent event) {
        if (event != null) {
            subscriber.channel(CHANNEL).handler(kid -> reload().subscribe().with(ok -> {
            }, failure -> LOG.warn("Could not reload the hub's keys after a rotation elsewhere", failure)));
        }
        keys = new HubKeyList(pool.withTransaction(this::loadOrGenerate).await().indefinitely(), policy);
        LOG.infof("Signing keys: %s", keys.keys());
    }

    /** The rotation policy the ring applies. */
    public KeyRotationPolicy policy() {
        return policy;
    }

    // ---- the hot path: memory only ----

    /**
     * The key this hub signs its own messages with (client assertions, converted list manifests, callbacks): its
     * SM2 key, else its ES256 key.
     */
    public Jwk signingKey() {
        return ownKey().orElseThrow(() -> new IllegalStateException("This hub has no SM2 or ES256 key to sign with"));
    }

    /** Whether {@link #signingKey()} has a key: not yet in the first moments of a hub's very first start. */
    public boolean canSign() {
        return ownKey().isPresent();
    }

    private Optional<Jwk> ownKey() {
        return signingKey(SignatureProfile.SM2).or(() -> signingKey(SignatureProfile.ES256));
    }

    /** The key that signs now with {@code profile}. */
    public Optional<Jwk> signingKey(SignatureProfile profile) {
        return policy.signingKey(keys.keys(), profile, clock.instant()).map(HubKey::jwk);
    }

    /** What {@code /v1/jwks} publishes now: public parts only, a retiring key with its {@code exp}. */
    public JwkSet publishedKeys() {
        return publishedKeys(clock.instant());
    }

    @Override
    public Jwk signingKey(SignatureProfile profile, Instant at) {
        return keys.signingKey(profile, at);
    }

    @Override
    public JwkSet publishedKeys(Instant at) {
        return keys.publishedKeys(at);
    }

    /** Every key the ring holds, with its window. */
    public List<HubKey> keys() {
        return keys.keys();
    }

    // ---- rotation ----

    /**
     * Rotates the key of {@code profile} now: a fresh key is published at once and signs from
     * {@code now + publishAhead}; the key it replaces stops signing then and stays published until its last
     * token expired. Keys past that point are deleted.
     */
    public Uni<KeyRotationResult> rotate(SignatureProfile profile, Duration publishAhead) {
        return pool.withTransaction(conn -> lockAndLoad(conn).flatMap(stored -> {
            KeyRotationPolicy.Rotation rotation = policy.rotate(stored, Jwk.generate(profile), now(), publishAhead);
            return store(conn, stored, rotation.keys()).replaceWith(rotation);
        })).flatMap(rotation -> {
            keys = new HubKeyList(rotation.keys(), policy);
            LOG.infof("Rotated the %s key: %s", profile.joseName(), rotation.result());
            return Uni.createFrom().item(rotation.result());
        });
    }

    /**
     * The scheduled rotation: every configured algorithm whose signing key has signed for {@code maxAge} or
     * longer, and that has no successor published yet, gets a new key. Answers what it rotated.
     */
    public Uni<List<KeyRotationResult>> rotateDue(Duration maxAge, Duration publishAhead) {
        return pool.withTransaction(conn -> lockAndLoad(conn).flatMap(stored -> {
            Instant now = now();
            List<HubKey> next = stored;
            List<KeyRotationResult> results = new ArrayList<>();
            for (SignatureProfile profile : configuredProfiles()) {
                Optional<HubKey> signing = policy.signingKey(next, profile, now);
                boolean successorWaiting = next.stream().anyMatch(k -> k.jwk().profile() == profile
                        && k.signFrom().isAfter(now));
                if (signing.isPresent() && !successorWaiting
                        && !signing.get().signFrom().plus(maxAge).isAfter(now)) {
                    KeyRotationPolicy.Rotation rotation = policy.rotate(next, Jwk.generate(profile), now, publishAhead);
                    next = rotation.keys();
                    results.add(rotation.result());
                }
            }
            List<HubKey> finalKeys = next;
            return (results.isEmpty() ? Uni.createFrom().voidItem() : store(conn, stored, finalKeys))
                    .replaceWith(new Outcome(finalKeys, results));
        })).map(outcome -> {
            if (!outcome.results().isEmpty()) {
                keys = new HubKeyList(outcome.keys(), policy);
                LOG.infof("Scheduled rotation: %s", outcome.results());
            }
            return outcome.results();
        });
    }

    private record Outcome(List<HubKey> keys, List<KeyRotationResult> results) {}

    /** Re-reads the keys (after a rotation on another instance). */
    public Uni<Void> reload() {
        return pool.query("select " + COLUMNS + " from hub_signing_key").execute()
                .map(rows -> {
                    List<HubKey> loaded = new ArrayList<>();
                    rows.forEach(row -> loaded.add(open(row)));
                    keys = new HubKeyList(loaded, policy);
                    return null;
                }).replaceWithVoid();
    }

    // ---- storage ----

    private Uni<List<HubKey>> lockAndLoad(SqlConnection conn) {
        return conn.query("select pg_advisory_xact_lock(" + KEY_LOCK + ")").execute()
                .flatMap(locked -> conn.query("select " + COLUMNS + " from hub_signing_key").execute())
                .map(rows -> {
                    List<HubKey> loaded = new ArrayList<>();
                    rows.forEach(row -> loaded.add(open(row)));
                    return loaded;
                });
    }

    private Uni<List<HubKey>> loadOrGenerate(SqlConnection conn) {
        return lockAndLoad(conn).flatMap(stored -> {
            List<HubKey> next = new ArrayList<>(stored);
            for (SignatureProfile profile : configuredProfiles()) {
                if (next.stream().noneMatch(k -> k.jwk().profile() == profile)) {
                    Jwk jwk = Jwk.generate(profile);
                    LOG.infof("Generated a new %s signing key %s", profile.joseName(), jwk.kid());
                    next.add(HubKey.startingAt(jwk, now()));
                }
            }
            return store(conn, stored, next).replaceWith(List.copyOf(next));
        });
    }

    /** Writes the difference between {@code before} and {@code after}, and wakes the other instances. */
    private Uni<Void> store(SqlConnection conn, List<HubKey> before, List<HubKey> after) {
        Map<String, HubKey> old = before.stream().collect(Collectors.toMap(HubKey::kid, k -> k));
        Set<String> kept = after.stream().map(HubKey::kid).collect(Collectors.toSet());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (HubKey gone : before) {
            if (!kept.contains(gone.kid())) {
                chain = chain.flatMap(v -> conn.preparedQuery("delete from hub_signing_key where kid = $1")
                        .execute(Tuple.of(gone.kid())).replaceWithVoid());
            }
        }
        boolean changed = false;
        for (HubKey key : after) {
            HubKey previous = old.get(key.kid());
            if (previous == null) {
                chain = chain.flatMap(v -> insert(conn, key));
                changed = true;
            } else if (!previous.equals(key)) {
                chain = chain.flatMap(v -> conn.preparedQuery(
                        "update hub_signing_key set retire_at = $2 where kid = $1")
                        .execute(Tuple.of(key.kid(), utc(key.retireAt()))).replaceWithVoid());
                changed = true;
            }
        }
        if (changed || old.size() != kept.size()) {
            chain = chain.flatMap(v -> conn.preparedQuery("select pg_notify($1, $2)")
                    .execute(Tuple.of(CHANNEL, hub.entityId())).replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> insert(SqlConnection conn, HubKey key) {
        Jwk jwk = key.jwk();
        SealedKeyVault.Sealed sealed = vault.seal(jwk.toPrivateJson().toString().getBytes(StandardCharsets.UTF_8),
                jwk.kid());
        Tuple row = Tuple.tuple(List.of(jwk.kid(), jwk.profile().joseName(), jwk.toJson().toString()))
                .addValue(Buffer.buffer(sealed.nonce())).addValue(Buffer.buffer(sealed.ciphertext()))
                .addValue(utc(key.publishFrom())).addValue(utc(key.publishFrom())).addValue(utc(key.signFrom()))
                .addValue(utc(key.retireAt()));
        return conn.preparedQuery("insert into hub_signing_key (kid, alg, public_jwk, private_key_nonce,"
                + " private_key_sealed, created_at, publish_from, sign_from, retire_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9)").execute(row).replaceWithVoid();
    }

    private HubKey open(Row row) {
        String kid = row.getString("kid");
        byte[] privateJson = vault.open(new SealedKeyVault.Sealed(row.getBuffer("private_key_nonce").getBytes(),
                row.getBuffer("private_key_sealed").getBytes()), kid);
        return new HubKey(Jwk.parse(new String(privateJson, StandardCharsets.UTF_8)), instant(row, "publish_from"),
                instant(row, "sign_from"), instant(row, "retire_at"));
    }

    private List<SignatureProfile> configuredProfiles() {
        return hub.signingAlgorithms().stream()
                .map(alg -> SignatureProfile.fromJoseName(alg).orElseThrow(() -> new IllegalStateException(
                        "ymt.hub.signing-algorithms names an unknown algorithm: " + alg)))
                .toList();
    }

    /** PostgreSQL keeps microseconds: so does every instant the ring stores and compares. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

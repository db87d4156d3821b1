package org.yimatong.hub.adapters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.hub.keys.SealedKeyVault;
import org.yimatong.hub.keys.SealedKeyVault.Sealed;
import org.yimatong.schemas.payload.AdapterSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;

/**
 * Adapter settings of native members: rows in PostgreSQL with the secret sealed by the master key, and a snapshot in
 * memory (secrets opened) from which adapters are built. Every write reloads here; the table's NOTIFY reloads the
 * other instances.
 */
@ApplicationScoped
public class AdapterSettingsStore {

    private static final Logger LOG = Logger.getLogger(AdapterSettingsStore.class);
    static final String CHANNEL = "ymt_member_adapter_changed";
    private static final String COLUMNS = "entity_id, credential_id, secret_nonce, secret_sealed, options, timeout_ms,"
            + " updated_at";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private final Pool pool;
    private final SealedKeyVault vault;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Map<String, AdapterSettings> snapshot = Map.of();

    public AdapterSettingsStore(Pool pool, SealedKeyVault vault, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.vault = vault;
        this.mapper = mapper;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, PgSubscriber subscriber) {
        subscriber.channel(CHANNEL).handler(member -> reload().subscribe().with(ok -> {
        }, failure -> LOG.warn("Could not reload adapter settings after a change", failure)));
        reload().await().indefinitely();
    }

    /** The settings of {@code entityId}, secret included (for building its adapter); empty if none were set. */
    public Optional<AdapterSettings> find(String entityId) {
        return Optional.ofNullable(snapshot.get(entityId));
    }

    public Uni<Void> reload() {
        return pool.query("select " + COLUMNS + " from member_adapter").execute().map(rows -> {
            Map<String, AdapterSettings> loaded = new HashMap<>();
            rows.forEach(row -> loaded.put(row.getString("entity_id"), toSettings(row)));
            snapshot = Map.copyOf(loaded);
            return null;
        }).replaceWithVoid();
    }

    /**
     * Creates or replaces the settings of a registered member; a {@code null} secret keeps the stored one.
     * Answers them as stored (secret included: callers show {@link AdapterSettings#withoutSecret()}).
     */
    public Uni<AdapterSettings> put(String entityId, AdapterSettings settings) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Sealed sealed = settings.secret() == null ? null
                : vault.seal(settings.secret().getBytes(StandardCharsets.UTF_8), keyId(entityId));
        String keepSecret = sealed == null
                ? "secret_nonce = member_adapter.secret_nonce, secret_sealed = member_adapter.secret_sealed"
                : "secret_nonce = excluded.secret_nonce, secret_sealed = excluded.secret_sealed";
        Tuple values = Tuple.tuple()
                .addValue(entityId)
                .addValue(settings.credentialId() == null ? "" : settings.credentialId())
                .addValue(sealed == null ? null : Buffer.buffer(sealed.nonce()))
                .addValue(sealed == null ? null : Buffer.buffer(sealed.ciphertext()))
                .addValue(json(settings.options() == null ? Map.of() : settings.options()))
                .addValue(settings.timeoutMs())
                .addValue(now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery("insert into member_adapter (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7)"
                + " on conflict (entity_id) do update set credential_id = excluded.credential_id, " + keepSecret
                + ", options = excluded.options, timeout_ms = excluded.timeout_ms, updated_at = excluded.updated_at"
                + " returning " + COLUMNS)
                .execute(values)
                .flatMap(rows -> reload().replaceWith(toSettings(rows.iterator().next())));
    }

    private AdapterSettings toSettings(Row row) {
        boolean sealed = row.getValue("secret_nonce") != null;
        String secret = !sealed ? null
                : new String(vault.open(new Sealed(row.getBuffer("secret_nonce").getBytes(), row.getBuffer("secret_sealed").getBytes()),
                        keyId(row.getString("entity_id"))), StandardCharsets.UTF_8);
        Map<String, String> options;
        try {
            options = mapper.readValue(row.getString("options"), OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored adapter options of " + row.getString("entity_id") + " are unreadable", e);
        }
        return new AdapterSettings(row.getString("credential_id"), secret, secret != null, options,
                row.getInteger("timeout_ms"), row.getOffsetDateTime("updated_at").toInstant());
    }

    private String json(Map<String, String> options) {
        try {
            return mapper.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("options are not writable as JSON", e);
        }
    }

    /** The member's entity id is bound into the seal: a sealed secret copied to another row does not open. */
    private static String keyId(String entityId) {
        return "adapter-secret:" + entityId;
    }
}

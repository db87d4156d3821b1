package org.yimatong.hub.adapters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Adapter settings of native members: {@link StoredAdapterSettings} rows (Hibernate Reactive) with the secret sealed
 * by the master key, and a snapshot in memory (secrets opened) from which adapters are built, so no call to a member
 * reads the database. Every write reloads here; the table's NOTIFY reloads the other instances.
 */
@ApplicationScoped
public class AdapterSettingsStore {

    private static final Logger LOG = Logger.getLogger(AdapterSettingsStore.class);
    static final String CHANNEL = "ymt_member_adapter_changed";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private final SealedKeyVault vault;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Map<String, AdapterSettings> snapshot = Map.of();

    public AdapterSettingsStore(SealedKeyVault vault, ObjectMapper mapper, Clock clock) {
        this.vault = vault;
        this.mapper = mapper;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, PgSubscriber subscriber) throws Throwable {
        // Hibernate Reactive wants a safe Vert.x context of its own; notifications arrive on the subscriber's event
        // loop, so the (rare) reload is handed to a worker, which gets one
        subscriber.channel(CHANNEL).handler(member -> Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(this::reload);
            } catch (Throwable failure) {
                LOG.warn("Could not reload adapter settings after a change", failure);
            }
        }));
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    /** The settings of {@code entityId}, secret included (for building its adapter); empty if none were set. */
    public Optional<AdapterSettings> find(String entityId) {
        return Optional.ofNullable(snapshot.get(entityId));
    }

    public Uni<Void> reload() {
        return Panache.withSession(() -> StoredAdapterSettings.<StoredAdapterSettings>listAll()).map(rows -> {
            Map<String, AdapterSettings> loaded = new HashMap<>();
            rows.forEach(row -> loaded.put(row.entityId, toSettings(row)));
            snapshot = Map.copyOf(loaded);
            return null;
        });
    }

    /**
     * Creates or replaces the settings of a registered member; a {@code null} secret keeps the stored one.
     * Answers them as stored (secret included: callers show {@link AdapterSettings#withoutSecret()}).
     */
    public Uni<AdapterSettings> put(String entityId, AdapterSettings settings) {
        return Panache.withTransaction(() -> StoredAdapterSettings.<StoredAdapterSettings>findById(entityId)
                .map(found -> found != null ? found : newRow(entityId))
                .flatMap(row -> {
                    row.credentialId = settings.credentialId() == null ? "" : settings.credentialId();
                    if (settings.secret() != null) {
                        Sealed sealed = vault.seal(settings.secret().getBytes(StandardCharsets.UTF_8), keyId(entityId));
                        row.secretNonce = sealed.nonce();
                        row.secretSealed = sealed.ciphertext();
                    }
                    row.options = json(settings.options() == null ? Map.of() : settings.options());
                    row.timeoutMs = settings.timeoutMs();
                    row.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return row.<StoredAdapterSettings>persist();
                }))
                .flatMap(row -> reload().replaceWith(toSettings(row)));
    }

    private static StoredAdapterSettings newRow(String entityId) {
        StoredAdapterSettings row = new StoredAdapterSettings();
        row.entityId = entityId;
        return row;
    }

    private AdapterSettings toSettings(StoredAdapterSettings row) {
        String secret = row.secretNonce == null ? null
                : new String(vault.open(new Sealed(row.secretNonce, row.secretSealed), keyId(row.entityId)),
                        StandardCharsets.UTF_8);
        Map<String, String> options;
        try {
            options = mapper.readValue(row.options, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored adapter options of " + row.entityId + " are unreadable", e);
        }
        return new AdapterSettings(row.credentialId, secret, secret != null, options, row.timeoutMs, row.updatedAt);
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

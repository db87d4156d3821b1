package org.yimatong.hub.tokens;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.tokens.binding.OperatorBindings;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Operator bindings (REQ-LOA-3) in PostgreSQL, read by the exchange from memory. Every write reloads the snapshot
 * here; the table's trigger NOTIFYs the other instances.
 */
@ApplicationScoped
public class OperatorBindingStore implements OperatorBindings {

    private static final Logger LOG = Logger.getLogger(OperatorBindingStore.class);
    static final String CHANNEL = "ymt_operator_binding_changed";
    private static final String COLUMNS = "department, operator, legal_person_id, required_acr, valid_until, bound_at";

    private record Key(String department, String operator) {}

    private final Pool pool;
    private final Clock clock;
    private volatile Map<Key, OperatorBinding> snapshot = Map.of();

    public OperatorBindingStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, PgSubscriber subscriber) {
        subscriber.channel(CHANNEL).handler(department -> reload().subscribe().with(ok -> {
        }, failure -> LOG.warn("Could not reload operator bindings after a change", failure)));
        reload().await().indefinitely();
    }

    @Override
    public Optional<OperatorBinding> find(String department, String operator) {
        return Optional.ofNullable(snapshot.get(new Key(department, operator)));
    }

    public Uni<Void> reload() {
        return pool.query("select " + COLUMNS + " from operator_binding").execute().map(rows -> {
            Map<Key, OperatorBinding> loaded = new HashMap<>();
            rows.forEach(row -> {
                OperatorBinding b = toBinding(row);
                loaded.put(new Key(b.department(), b.operator()), b);
            });
            snapshot = Map.copyOf(loaded);
            return null;
        }).replaceWithVoid();
    }

    /** Creates or replaces the binding; answers it as stored. */
    public Uni<OperatorBinding> put(String department, String operator, OperatorBinding binding) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Tuple values = Tuple.tuple(List.of(department, operator, binding.legalPersonId(), binding.requiredAcr()))
                .addValue(utc(binding.validUntil())).addValue(utc(now));
        return pool.preparedQuery("insert into operator_binding (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6)"
                + " on conflict (department, operator) do update set legal_person_id = excluded.legal_person_id,"
                + " required_acr = excluded.required_acr, valid_until = excluded.valid_until, bound_at = excluded.bound_at"
                + " returning " + COLUMNS)
                .execute(values)
                .flatMap(rows -> reload().replaceWith(toBinding(rows.iterator().next())));
    }

    public Uni<Optional<OperatorBinding>> get(String department, String operator) {
        return pool.preparedQuery("select " + COLUMNS
                + " from operator_binding where department = $1 and operator = $2")
                .execute(Tuple.of(department, operator))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toBinding(rows.iterator().next())));
    }

    /** The department's bindings, by operator. */
    public Uni<List<OperatorBinding>> list(String department) {
        return pool.preparedQuery("select " + COLUMNS
                + " from operator_binding where department = $1 order by operator")
                .execute(Tuple.of(department))
                .map(rows -> {
                    List<OperatorBinding> bindings = new ArrayList<>();
                    rows.forEach(row -> bindings.add(toBinding(row)));
                    return bindings;
                });
    }

    /** True if there was a binding to remove. */
    public Uni<Boolean> delete(String department, String operator) {
        return pool.preparedQuery("delete from operator_binding where department = $1 and operator = $2")
                .execute(Tuple.of(department, operator))
                .flatMap(result -> reload().replaceWith(result.rowCount() == 1));
    }

    private static OperatorBinding toBinding(Row row) {
        OffsetDateTime validUntil = row.getOffsetDateTime("valid_until");
        return new OperatorBinding(row.getString("department"), row.getString("operator"),
                row.getString("legal_person_id"), row.getString("required_acr"),
                validUntil == null ? null : validUntil.toInstant(), row.getOffsetDateTime("bound_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

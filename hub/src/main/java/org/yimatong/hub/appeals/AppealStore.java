package org.yimatong.hub.appeals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealGround;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code appeal} table, through the reactive pool; each method is one statement. */
@ApplicationScoped
class AppealStore {

    private static final String COLUMNS = "id, state, sub, rgn, home, filed_by, upstream_id, ground, batch_tag,"
            + " filed_at, updated_at, home_reference, decision";

    private final Pool pool;
    private final ObjectMapper json;

    AppealStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    Uni<Void> insert(AppealRecord a) {
        return pool.preparedQuery("insert into appeal (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
                + " $10, $11, $12, $13)")
                .execute(Tuple.from(Arrays.asList(a.id(), a.state().name(), a.sub(), a.rgn(), a.home(), a.filedBy(),
                        a.upstreamId(), a.ground().name(), a.batchTag(), at(a.filedAt()),
                        at(a.updatedAt()), a.homeReference(), write(a.decision()))))
                .replaceWithVoid();
    }

    /** Moves an appeal on; {@code expectedState} guards against a concurrent change (false if it lost). */
    Uni<Boolean> update(AppealRecord a, Appeal.State expectedState) {
        return pool.preparedQuery("update appeal set state = $2, updated_at = $3, home_reference = $4, decision = $5"
                + " where id = $1 and state = $6")
                .execute(Tuple.from(Arrays.asList(a.id(), a.state().name(), at(a.updatedAt()), a.homeReference(),
                        write(a.decision()), expectedState.name())))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<AppealRecord>> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from appeal where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
    }

    private AppealRecord read(Row r) {
        return new AppealRecord(r.getString("id"), Appeal.State.valueOf(r.getString("state")), r.getString("sub"),
                r.getString("rgn"), r.getString("home"), r.getString("filed_by"), r.getString("upstream_id"),
                AppealGround.valueOf(r.getString("ground")), r.getString("batch_tag"),
                r.getOffsetDateTime("filed_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("home_reference"), readDecision(r.getString("decision")));
    }

    private String write(AppealDecision decision) {
        if (decision == null) {
            return null;
        }
        try {
            return json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a decision", e);
        }
    }

    private AppealDecision readDecision(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, AppealDecision.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision does not parse", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

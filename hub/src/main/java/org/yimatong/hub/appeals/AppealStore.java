package org.yimatong.hub.appeals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.routing.Hops;
import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code appeal} table, through the reactive pool; each method is one statement. An appeal in RECEIVED is also
 * an outbox entry: what its delivery needs (statement, hops) and when the next attempt is due, claimed by one
 * instance at a time.
 */
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

    /** A RECEIVED appeal with what its delivery needs, due for an attempt at {@code nextAttempt}. */
    Uni<Void> insert(AppealRecord a, String statement, Hops forward, Instant nextAttempt) {
        return pool.preparedQuery("insert into appeal (" + COLUMNS + ", statement, forward_hop, forward_path,"
                + " next_attempt_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
                + " $17)")
                .execute(Tuple.from(Arrays.asList(a.id(), a.state().name(), a.sub(), a.rgn(), a.home(), a.filedBy(),
                        a.upstreamId(), a.ground().name(), a.batchTag(), at(a.filedAt()),
                        at(a.updatedAt()), a.homeReference(), write(a.decision()), statement, forward.left(),
                        String.join(",", forward.path()), at(nextAttempt))))
                .replaceWithVoid();
    }

    /**
     * Moves an appeal on; {@code expectedState} guards against a concurrent change (false if it lost). Out of
     * RECEIVED, the delivery's data is dropped and no attempt is due any more.
     */
    Uni<Boolean> update(AppealRecord a, Appeal.State expectedState) {
        return pool.preparedQuery("update appeal set state = $2, updated_at = $3, home_reference = $4, decision = $5,"
                + " statement = null, forward_hop = null, forward_path = null, next_attempt_at = null"
                + " where id = $1 and state = $6")
                .execute(Tuple.from(Arrays.asList(a.id(), a.state().name(), at(a.updatedAt()), a.homeReference(),
                        write(a.decision()), expectedState.name())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Claims at most {@code limit} appeals whose attempt is due at {@code now}: each is due again at
     * {@code leaseUntil} (so an instance that dies while delivering leaves it to another), its attempts counted.
     */
    Uni<List<Pending>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return pool.preparedQuery("update appeal a set next_attempt_at = $2, attempts = a.attempts + 1 from"
                + " (select id from appeal where state = 'RECEIVED' and next_attempt_at <= $1 order by next_attempt_at"
                + " limit $3 for update skip locked) due where a.id = due.id returning a.*")
                .execute(Tuple.of(at(now), at(leaseUntil), limit))
                .map(rows -> {
                    List<Pending> due = new ArrayList<>();
                    for (Row r : rows) {
                        String path = r.getString("forward_path");
                        due.add(new Pending(read(r), r.getString("statement"), new Hops(r.getInteger("forward_hop"),
                                path == null || path.isEmpty() ? List.of() : List.of(path.split(","))),
                                r.getInteger("attempts")));
                    }
                    return due;
                });
    }

    /** The next attempt of a still RECEIVED appeal is due at {@code next}. */
    Uni<Void> retryAt(String id, Instant next) {
        return pool.preparedQuery("update appeal set next_attempt_at = $2 where id = $1 and state = 'RECEIVED'")
                .execute(Tuple.of(id, at(next))).replaceWithVoid();
    }

    /** A claimed delivery: the appeal, its statement, the hops it goes on with, and how many attempts so far. */
    record Pending(AppealRecord appeal, String statement, Hops forward, int attempts) {

        AppealRequest request() {
            return new AppealRequest(appeal.sub(), appeal.rgn(), appeal.ground(), statement, appeal.batchTag());
        }
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

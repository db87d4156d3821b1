package org.yimatong.hub.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.AuditEvent;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.AuditPage;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A member reads the audit events about its own requests and the requests routed to it (REQ-AUD-1), in
 * pages with an opaque keyset cursor.
 */
@Path("/v1/audit")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class AuditResource {

    private static final String QUERY = "select chain_id, seq, at, actor, member, purpose, action, target, outcome,"
            + " latency_ms, prev_hash, hash from audit_event"
            + " where (actor = $1 or member = $1) and (chain_id, seq) > ($2, $3)"
            + " and ($4::text is null or action = $4) and ($5::text is null or target = $5)"
            + " order by chain_id, seq limit $6";

    private final Pool pool;
    private final CurrentCaller caller;

    public AuditResource(Pool pool, CurrentCaller caller) {
        this.pool = pool;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AuditPage> page(@QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("action") String actionName, @QueryParam("target") String target) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "limit must be between 1 and 1000",
                    List.of(new FieldError("/limit", "must be between 1 and 1000")));
        }
        Action action = action(actionName);
        Cursor from = Cursor.parse(after);
        Tuple args = Tuple.tuple(List.of(caller.get().entityId(), from.chainId(), from.seq()))
                .addValue(action == null ? null : action.name()).addValue(target).addInteger(limit);
        return pool.preparedQuery(QUERY).execute(args).map(rows -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(toEvent(row));
            }
            String next = events.size() < limit ? null
                    : new Cursor(events.get(events.size() - 1).chainId(), events.get(events.size() - 1).seq()).encode();
            return new AuditPage(events, next);
        });
    }

    /** The action filter, or null for all; an unknown action is a 400 naming the known ones, not a bare 404. */
    private static Action action(String name) {
        if (name == null) {
            return null;
        }
        for (Action action : Action.values()) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown audit action " + name, List.of(
                new FieldError("/action", "one of " + java.util.Arrays.toString(Action.values()))));
    }

    private static AuditEvent toEvent(Row row) {
        return new AuditEvent(row.getString("chain_id"), row.getLong("seq"), row.getOffsetDateTime("at").toInstant(),
                row.getString("actor"), row.getString("member"), row.getString("purpose"),
                Action.valueOf(row.getString("action")), row.getString("target"), row.getString("outcome"),
                row.getInteger("latency_ms"), HexFormat.of().formatHex(row.getBuffer("prev_hash").getBytes()),
                HexFormat.of().formatHex(row.getBuffer("hash").getBytes()));
    }

    /** Where a page ends: the last event's chain and position, opaque to the client. */
    record Cursor(String chainId, long seq) {

        static Cursor parse(String after) {
            if (after == null || after.isEmpty()) {
                return new Cursor("", 0);
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
                int bar = decoded.lastIndexOf('|');
                return new Cursor(decoded.substring(0, bar), Long.parseLong(decoded.substring(bar + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "after is not a cursor this hub gave out",
                        List.of(new FieldError("/after", "unknown cursor")));
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((chainId + "|" + seq).getBytes(StandardCharsets.UTF_8));
        }
    }
}

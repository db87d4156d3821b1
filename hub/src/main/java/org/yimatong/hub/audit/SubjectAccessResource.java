package org.yimatong.hub.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.payload.AuditEvent.Action;
import org.yimatong.schemas.payload.SubjectAccessPage;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code GET /v1/audit/subjects/{listSub}}: who looked at a person (REQ-AUD-3), for the person's home platform to
 * show them. The home is the platform that answered for the person live (a verification's {@code member}) or lists
 * them; to any other caller the log does not exist. Each look names where the request began (the checkpoint, not a
 * hub that forwarded it), newest first, paged by an opaque cursor.
 */
@Path("/v1/audit/subjects/{listSub}")
@RolesAllowed(Roles.MEMBER)
public class SubjectAccessResource {

    private static final Pattern LIST_SUB = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_LIMIT = 500;
    private static final String IS_HOME = "select exists (select 1 from audit_event where subject = $1 and member = $2)"
            + " or exists (select 1 from list_entry where sub = $1 and member = $2)";
    private static final String PAGE = "select at, chain_id, seq, actor, origin, purpose, action, outcome from"
            + " audit_event where subject = $1 and (at, chain_id, seq) < ($2, $3, $4)"
            + " order by at desc, chain_id desc, seq desc limit $5";

    private final Pool pool;
    private final CurrentCaller caller;
    private final MemberDirectory members;

    public SubjectAccessResource(Pool pool, CurrentCaller caller, MemberDirectory members) {
        this.pool = pool;
        this.caller = caller;
        this.members = members;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SubjectAccessPage> accesses(@PathParam("listSub") String listSub, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        List<FieldError> errors = new ArrayList<>();
        if (!LIST_SUB.matcher(listSub).matches()) {
            errors.add(new FieldError("/listSub", "a list pseudonym: 64 lowercase hex characters"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("/limit", "between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid access log request", errors);
        }
        Cursor from = Cursor.parse(after);
        String home = caller.get().entityId();
        return pool.preparedQuery(IS_HOME).execute(Tuple.of(listSub, home)).flatMap(rows -> {
            if (!rows.iterator().next().getBoolean(0)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No access log of this person for " + home
                        + ": only the person's home platform may read it");
            }
            return pool.preparedQuery(PAGE).execute(Tuple.of(listSub, from.at().atOffset(ZoneOffset.UTC),
                    from.chainId(), from.seq(), limit));
        }).map(rows -> {
            List<SubjectAccessPage.Access> accesses = new ArrayList<>();
            Cursor last = null;
            for (Row row : rows) {
                String by = row.getString("origin") != null ? row.getString("origin") : row.getString("actor");
                accesses.add(new SubjectAccessPage.Access(row.getOffsetDateTime("at").toInstant(), by, members
                        .find(by).map(Member::displayName).orElse(null), row.getString("purpose"), Action.valueOf(row
                                .getString("action")), row.getString("outcome")));
                last = new Cursor(row.getOffsetDateTime("at").toInstant(), row.getString("chain_id"), row.getLong(
                        "seq"));
            }
            return new SubjectAccessPage(accesses, accesses.size() < limit || last == null ? null : last.encode());
        });
    }

    /** Where a page ends: the last look's time, chain and position, opaque to the client. */
    record Cursor(Instant at, String chainId, long seq) {

        /** Before everything: the first page. */
        static final Cursor START = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), "", 0);

        static Cursor parse(String after) {
            if (after == null || after.isEmpty()) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|",
                        3);
                Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
                return new Cursor(at, parts[1], Long.parseLong(parts[2]));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "after is not a cursor this hub gave out",
                        List.of(new FieldError("/after", "unknown cursor")));
            }
        }

        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + chainId + "|" + seq)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}

package org.yimatong.hub.lists.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;
import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.ChangesPage;
import org.yimatong.schemas.payload.ListChange;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The change feed by keyset cursor and the streamed snapshot (REQ-LIST-6, 7). Change rows are appended only
 * under the feed lock, so whatever a reader sees is a gap-free prefix of the sequence: paging by
 * {@code seq > after} never skips a change that commits later nor repeats one.
 */
@Path("/v1/lists")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class ChangesResource {

    private static final Logger LOG = Logger.getLogger(ChangesResource.class);
    public static final String SNAPSHOT_CURSOR_HEADER = "Ymt-Snapshot-Cursor";
    // via: a child hub is never sent back the changes that came through itself (REQ-LIST-12)
    private static final String PAGE = "select seq, op, member, sub, rgn, col, since, until, reason, batch_tag,"
            + " recorded_at, epoch from list_change"
            + " where seq > $1 and ($3::text is null or via is distinct from $3) order by seq limit $2";

    private final Pool pool;
    private final AgroalDataSource dataSource;
    private final CurrentCaller caller;
    private final SnapshotReads snapshots;

    public ChangesResource(Pool pool, AgroalDataSource dataSource, CurrentCaller caller, SnapshotReads snapshots) {
        this.pool = pool;
        this.dataSource = dataSource;
        this.caller = caller;
        this.snapshots = snapshots;
    }

    @GET
    @Path("changes")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<ChangesPage> changes(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        Caller reader = caller.get();
        String readerHub = reader.member().filter(m -> m.kind() == MemberKind.HUB).map(m -> m.entityId()).orElse(null);
        if (limit < 1 || limit > 10_000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "limit must be between 1 and 10000",
                    List.of(new FieldError("/query/limit", "1..10000")));
        }
        long from = ChangeCursor.decode(after);
        return pool.preparedQuery("select purged_through from list_feed_state").execute()
                .flatMap(state -> {
                    long purged = state.iterator().next().getLong(0);
                    if (after != null && from < purged) {
                        throw new ProblemException(ProblemType.NOT_FOUND, "The cursor points before the retained"
                                + " changes; start again from a snapshot", List.of());
                    }
                    return pool.preparedQuery(PAGE).execute(Tuple.of(Math.max(from, purged), limit + 1, readerHub));
                })
                .map(rows -> {
                    List<ListChange> changes = new ArrayList<>(limit);
                    for (Row row : rows) {
                        if (changes.size() < limit) {
                            changes.add(change(row));
                        }
                    }
                    long last = changes.isEmpty() ? from : changes.get(changes.size() - 1).seq();
                    return new ChangesPage(changes, ChangeCursor.encode(last), rows.size() > limit);
                });
    }

    /**
     * Every current entry, sorted by {@code sub}, as gzip NDJSON, read in one repeatable-read snapshot together
     * with the sequence value it includes ({@value #SNAPSHOT_CURSOR_HEADER}).
     */
    @GET
    @Path("snapshot")
    @Blocking
    @Produces("application/x-ndjson")
    public Response snapshot(@Context HttpServerRequest request) {
        caller.get();
        SnapshotReads.Read read = snapshots.start(request);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            long seq;
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select greatest((select coalesce(max(seq), 0) from"
                            + " list_change), (select purged_through from list_feed_state))")) {
                rs.next();
                seq = rs.getLong(1);
            }
            Connection open = connection;
            StreamingOutput stream = output -> {
                try (read) {
                    write(open, output);
                }
            };
            return Response.ok(stream).header("Content-Encoding", "gzip")
                    .header(SNAPSHOT_CURSOR_HEADER, ChangeCursor.encode(seq)).build();
        } catch (SQLException | RuntimeException e) {
            close(connection);
            read.close();
            throw e instanceof SQLException ? new IllegalStateException("Could not open the snapshot", e)
                    : (RuntimeException) e;
        }
    }

    private static void write(Connection connection, OutputStream output) throws IOException {
        try (connection;
                PreparedStatement ps = connection.prepareStatement(
                        "select sub, col, since, until, reason, rgn from list_entry order by sub, member")) {
            ps.setFetchSize(5_000);
            GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(output, 64 * 1024), 64 * 1024);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ListEntry entry = new ListEntry(rs.getString(1), Colour.valueOf(rs.getString(2)),
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6));
                    gzip.write(entry.toJson().toString().getBytes(StandardCharsets.UTF_8));
                    gzip.write('\n');
                }
            }
            gzip.finish();
            gzip.flush();
            connection.rollback();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("The snapshot could not be read", e));
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Could not close a snapshot connection", e);
            }
        }
    }

    private static ListChange change(Row row) {
        String col = row.getString("col");
        OffsetDateTime since = row.getOffsetDateTime("since");
        OffsetDateTime until = row.getOffsetDateTime("until");
        return new ListChange(row.getLong("seq"), ListChange.Op.valueOf(row.getString("op")), row.getString("sub"),
                row.getString("rgn"), col == null ? null : Colour.valueOf(col),
                since == null ? null : since.toInstant(), until == null ? null : until.toInstant(),
                row.getString("reason"), row.getString("member"), row.getString("batch_tag"),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getString("epoch"));
    }
}

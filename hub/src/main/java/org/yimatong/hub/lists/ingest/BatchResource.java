package org.yimatong.hub.lists.ingest;

import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.lists.ListCaller;
import org.yimatong.hub.lists.RelayedBatch;
import org.yimatong.hub.lists.RelayedBatch.Relay;
import org.yimatong.hub.lists.keys.ListKeys;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.routes.RouteCalls;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.payload.BatchProgress;
import org.yimatong.schemas.payload.BatchProgress.State;
import org.yimatong.schemas.payload.BatchProvenance;
import org.yimatong.schemas.payload.BatchReceipt;
import org.yimatong.schemas.payload.SignatureAlgorithm;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code /v1/lists/batches}: upload a daily batch, follow its progress, read its provenance (REQ-LIST-2..8). A child
 * hub also uploads here the batches of its subtree, with its countersignature (REQ-LIST-12).
 */
@Path("/v1/lists/batches")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    public static final String SIGNATURE_HEADER = "Ymt-Batch-Signature";
    /** Countersignatures of the hubs that relayed a batch of their subtree up the tree (REQ-LIST-12). */
    public static final String RELAYS_HEADER = "Ymt-Batch-Relays";
    private static final Pattern EPOCH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    private static final Pattern ENTITY_ID = Pattern.compile("ymt:(hub|member):[A-Za-z0-9._-]{1,64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DETACHED_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    private static final String BATCH_COLUMNS = "select member, batch_tag, day, count, digest, signature, alg, kid,"
            + " received_at, stored_at, added, changed, removed, unchanged from list_batch";

    private final RouteCalls routes;
    private final IngestProgress progress;
    private final CurrentCaller caller;
    private final Pool pool;
    private final ListKeys keys;

    public BatchResource(RouteCalls routes, IngestProgress progress, CurrentCaller caller, Pool pool, ListKeys keys) {
        this.keys = keys;
        this.routes = routes;
        this.progress = progress;
        this.caller = caller;
        this.pool = pool;
    }

    /** Streams the body into the ingest route on a worker thread; the batch is never held in memory. */
    @POST
    @Blocking
    @Consumes({ "application/x-ndjson", MediaType.APPLICATION_OCTET_STREAM })
    public Response upload(@QueryParam("member") String memberId, @QueryParam("batchTag") String batchTag,
            @QueryParam("day") String day, @QueryParam("epoch") String epoch,
            @HeaderParam(SIGNATURE_HEADER) String signature,
            @HeaderParam(RELAYS_HEADER) String relaysHeader, @HeaderParam("Content-Encoding") String encoding,
            @HeaderParam("Content-Length") Long length, InputStream body) {
        Member member = ListCaller.member(caller.get());
        List<FieldError> errors = new ArrayList<>();
        if (memberId == null || !ENTITY_ID.matcher(memberId).matches()) {
            errors.add(new FieldError("/query/member", "required, an entity id"));
        }
        if (epoch != null && !(EPOCH.matcher(epoch).matches() && keys.isServed(epoch))) {
            errors.add(new FieldError("/query/epoch", "yyyy-MM of a list key handed out now: the previous, the current"
                    + " or (shortly before it starts) the next month"));
        }
        List<Relay> relays = RelayedBatch.parseRelaysHeader(relaysHeader);
        if (relays == null) {
            errors.add(new FieldError("/header/" + RELAYS_HEADER, "<hub entity id>=<detached JWS>, comma separated"));
        }
        if (batchTag == null || !TAG.matcher(batchTag).matches()) {
            errors.add(new FieldError("/query/batchTag", "required, " + TAG.pattern()));
        }
        LocalDate parsedDay = null;
        try {
            parsedDay = day == null ? null : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (parsedDay == null) {
            errors.add(new FieldError("/query/day", "required, yyyy-MM-dd"));
        }
        if (signature == null || !DETACHED_JWS.matcher(signature).matches()) {
            errors.add(new FieldError("/header/" + SIGNATURE_HEADER, "required, a detached compact JWS"));
        }
        boolean gzip = "gzip".equalsIgnoreCase(encoding);
        if (encoding != null && !gzip && !"identity".equalsIgnoreCase(encoding)) {
            errors.add(new FieldError("/header/Content-Encoding", "gzip or identity"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid batch upload", errors);
        }
        BatchUpload upload;
        if (relays.isEmpty()) {
            if (!member.entityId().equals(memberId)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "A member uploads only its own list", List.of());
            }
            upload = new BatchUpload(member, batchTag, parsedDay, epoch, signature);
        } else {
            if (member.kind() != MemberKind.HUB || !member.entityId().equals(relays.get(relays.size() - 1).hub())) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only a child hub relays a batch, and its own"
                        + " countersignature comes last in " + RELAYS_HEADER, List.of());
            }
            upload = BatchUpload.relayed(member, memberId, batchTag, parsedDay, epoch, signature, relays);
        }
        IngestOutcome outcome = routes.requestBlocking(ListIngestRoutes.INGEST, new IncomingBatch(upload,
                new BatchBody(body, gzip, length == null ? -1 : length)), IngestOutcome.class);
        if (outcome.replay()) {
            return Response.ok(outcome.receipt()).build();
        }
        return Response.created(URI.create("/v1/lists/batches/" + batchTag)).entity(outcome.receipt()).build();
    }

    /** The caller's own batch: in flight or refused (on any instance), else as stored. */
    @GET
    @Path("{tag}")
    public Uni<BatchProgress> progress(@PathParam("tag") String tag) {
        String member = ListCaller.member(caller.get()).entityId();
        return progress.find(member, tag).flatMap(inFlight -> inFlight.map(p -> Uni.createFrom().item(p))
                .orElseGet(() -> pool.preparedQuery(BATCH_COLUMNS + " where member = $1 and batch_tag = $2")
                        .execute(Tuple.of(member, tag))
                        .map(rows -> {
                            Row row = single(rows, tag);
                            BatchReceipt receipt = receipt(row);
                            return new BatchProgress(member, tag, State.STORED, receipt.count(), receipt.count(),
                                    row.getOffsetDateTime("received_at").toInstant(), receipt.storedAt(), receipt,
                                    null);
                        })));
    }

    /** Manifest, signature and key of a stored batch, so a receiver re-verifies the uploader's signature. */
    @GET
    @Path("{tag}/provenance")
    public Uni<BatchProvenance> provenance(@PathParam("tag") String tag, @QueryParam("member") String member) {
        caller.get();
        Uni<RowSet<Row>> rows = member == null
                ? pool.preparedQuery(BATCH_COLUMNS + " where batch_tag = $1").execute(Tuple.of(tag))
                : pool.preparedQuery(BATCH_COLUMNS + " where batch_tag = $1 and member = $2")
                        .execute(Tuple.of(tag, member));
        return rows.map(found -> {
            Row row = single(found, tag);
            BatchReceipt receipt = receipt(row);
            return new BatchProvenance(new BatchManifest(receipt.member(), tag, receipt.day(), receipt.count(),
                    receipt.digest()), row.getString("signature"), SignatureAlgorithm.valueOf(row.getString("alg")),
                    row.getString("kid"), row.getOffsetDateTime("received_at").toInstant());
        });
    }

    private static Row single(RowSet<Row> rows, String tag) {
        if (rows.size() == 0) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No stored batch " + tag, List.of());
        }
        if (rows.size() > 1) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Several members used batch tag " + tag,
                    List.of(new FieldError("/query/member", "required to tell them apart")));
        }
        return rows.iterator().next();
    }

    private static BatchReceipt receipt(Row row) {
        return new BatchReceipt(row.getString("member"), row.getString("batch_tag"), row.getLocalDate("day"),
                row.getLong("count"), row.getString("digest"), row.getLong("added"), row.getLong("changed"),
                row.getLong("removed"), row.getLong("unchanged"), row.getOffsetDateTime("stored_at").toInstant(),
                null);
    }
}

package org.yimatong.hub.adapters;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.lists.ingest.IngestOutcome;
import org.yimatong.hub.registry.MemberRegistry;
import org.yimatong.schemas.payload.AdapterSettings;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Operators set how the hub speaks to a native member, and pull a native member's daily list by hand. */
@Path("/v1/admin/members/{id}")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class AdapterAdminResource {

    private static final Pattern TAG = Patterns.BATCH_TAG;

    private final AdapterSettingsStore settings;
    private final MemberRegistry members;
    private final DailyListPull pull;

    public AdapterAdminResource(AdapterSettingsStore settings, MemberRegistry members, DailyListPull pull) {
        this.settings = settings;
        this.members = members;
        this.pull = pull;
    }

    @GET
    @Path("adapter")
    public AdapterSettings get(@PathParam("id") String entityId) {
        requireMember(entityId);
        return settings.find(entityId).map(AdapterSettings::withoutSecret)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, entityId + " has no adapter settings"));
    }

    @PUT
    @Path("adapter")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AdapterSettings> put(@PathParam("id") String entityId, AdapterSettings body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Adapter settings are required");
        }
        Validation.requireValid(body);
        requireMember(entityId);
        return settings.put(entityId, body).map(AdapterSettings::withoutSecret);
    }

    @POST
    @Path("lists/pull")
    @Blocking
    public Response pull(@PathParam("id") String entityId, @QueryParam("day") String day,
            @QueryParam("batchTag") String batchTag) {
        LocalDate parsedDay;
        try {
            parsedDay = day == null ? pull.today() : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid pull",
                    List.of(new FieldError("/query/day", "yyyy-MM-dd")));
        }
        if (batchTag != null && !TAG.matcher(batchTag).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid pull",
                    List.of(new FieldError("/query/batchTag", TAG.pattern())));
        }
        IngestOutcome outcome = pull.pull(entityId, parsedDay,
                batchTag == null ? DailyListPull.defaultTag(parsedDay) : batchTag);
        return Response.status(Response.Status.CREATED)
                .location(URI.create("/v1/lists/batches/" + outcome.receipt().batchTag()))
                .entity(outcome.receipt()).build();
    }

    private void requireMember(String entityId) {
        if (members.find(entityId).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No member " + entityId);
        }
    }
}

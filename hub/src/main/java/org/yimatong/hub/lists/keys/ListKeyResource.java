package org.yimatong.hub.lists.keys;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.CallerAuthenticated;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.lists.ListCaller;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/** {@code GET /v1/lists/key}: the list key of an epoch, for authenticated members only (REQ-LIST-1). */
@Path("/v1/lists/key")
@CallerAuthenticated
public class ListKeyResource {

    private static final Pattern EPOCH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final ListKeys keys;
    private final CurrentCaller caller;

    public ListKeyResource(ListKeys keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> key(@QueryParam("epoch") String epoch) {
        ListCaller.member(caller.get());
        if (epoch != null && !EPOCH.matcher(epoch).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid epoch",
                    List.of(new FieldError("/query/epoch", "yyyy-MM")));
        }
        String wanted = epoch == null ? keys.currentEpoch() : epoch;
        return keys.key(wanted).map(key -> Response.ok(key.orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "Only the current and the previous epoch's keys are handed out", List.of())))
                .header("Cache-Control", "no-store").build());
    }
}

package org.yimatong.hub.lists.keys;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.yimatong.hub.auth.CurrentCaller;
import org.yimatong.hub.auth.Roles;
import org.yimatong.hub.lists.ListCaller;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/lists/key}: the federation's list key of an epoch (REQ-LIST-1, REQ-LIST-11), for members that
 * hold lists: platforms and child hubs, the records with region prefixes. A client (a department, a checkpoint
 * app: no prefixes) never receives it (REQ-REG-2).
 */
@Path("/v1/lists/key")
@RolesAllowed({ Roles.MEMBER, Roles.HUB })
public class ListKeyResource {

    private static final Logger LOG = Logger.getLogger(ListKeyResource.class);
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
        Member member = ListCaller.member(caller.get());
        if (member.regionPrefixes().isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The list key is handed to platforms and hubs only;"
                    + " " + member.entityId() + " is a client (it serves no region)", List.of());
        }
        if (epoch != null && !EPOCH.matcher(epoch).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid epoch",
                    List.of(new FieldError("/query/epoch", "yyyy-MM")));
        }
        String wanted = epoch == null ? keys.currentEpoch() : epoch;
        return keys.key(wanted)
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.warnf("The list key of %s could not be obtained from the parent hub: %s", wanted,
                            failure.getMessage());
                    return new ProblemException(ProblemType.OVERLOADED, "The list key of " + wanted
                            + " is not available yet (the parent hub could not be asked); try again", List.of());
                })
                .map(key -> Response.ok(key.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "Only the previous, the current and (shortly before it starts) the next epoch's keys are"
                                + " handed out", List.of())))
                        .header("Cache-Control", "no-store").build());
    }
}

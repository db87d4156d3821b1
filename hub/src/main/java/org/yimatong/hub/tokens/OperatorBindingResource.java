package org.yimatong.hub.tokens;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.yimatong.hub.auth.Roles;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.binding.UnifiedSocialCreditCode;

import io.smallrye.mutiny.Uni;

/**
 * {@code /v1/admin/departments/{id}/operators/{operator}}: an operator binds a department's operator (its pairwise
 * subject there) to a legal person (REQ-LOA-3). The credit code must pass its check character.
 */
@Path("/v1/admin/departments/{id}/operators/{operator}")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class OperatorBindingResource {

    private static final Pattern DEPARTMENT = Pattern.compile("^[A-Za-z0-9._:-]{1,256}$");
    private static final Pattern OPERATOR = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

    private final OperatorBindingStore store;

    public OperatorBindingResource(OperatorBindingStore store) {
        this.store = store;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OperatorBinding> bind(@PathParam("id") String department, @PathParam("operator") String operator,
            OperatorBinding binding) {
        checkBinding(department, operator, binding);
        return store.put(department, operator, binding);
    }

    @GET
    public Uni<OperatorBinding> get(@PathParam("id") String department, @PathParam("operator") String operator) {
        return found(store, department, operator);
    }

    @DELETE
    public Uni<Response> unbind(@PathParam("id") String department, @PathParam("operator") String operator) {
        return removed(store, department, operator);
    }

    /** The binding at a valid path, else {@code not-found}. */
    static Uni<OperatorBinding> found(OperatorBindingStore store, String department, String operator) {
        checkPath(department, operator);
        return store.get(department, operator).map(found -> found.orElseThrow(() -> notFound(department)));
    }

    /** Removes the binding at a valid path: 204, else {@code not-found}. */
    static Uni<Response> removed(OperatorBindingStore store, String department, String operator) {
        checkPath(department, operator);
        return store.delete(department, operator).map(removed -> {
            if (!removed) {
                throw notFound(department);
            }
            return Response.noContent().build();
        });
    }

    /** A binding fit to store: a valid path, body and credit code (its check character). */
    static void checkBinding(String department, String operator, OperatorBinding binding) {
        checkPath(department, operator);
        Validation.requireValid(binding);
        if (!UnifiedSocialCreditCode.isValid(binding.legalPersonId())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "legalPersonId fails its check character",
                    List.of(new FieldError("/legalPersonId", "not a valid unified social credit code")));
        }
    }

    private static void checkPath(String department, String operator) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!DEPARTMENT.matcher(department).matches()) {
            errors.add(new FieldError("/department", "not a client id"));
        }
        if (!OPERATOR.matcher(operator).matches()) {
            errors.add(new FieldError("/operator", "not a pairwise subject id"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "invalid path", errors);
        }
    }

    private static ProblemException notFound(String department) {
        return new ProblemException(ProblemType.NOT_FOUND, "no such operator binding at " + department);
    }
}

package org.yimatong.hub.problem;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;

/**
 * The one table from failures to RFC 9457 answers. Domain code throws {@link ProblemException}; the few
 * framework exceptions that reach us are given a problem type here. Nothing leaks a class name or a stack.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problems.response(e.type(), e.getMessage(), e.errors());
    }

    /** A caller's credentials were refused; the cause says how (invalid assertion, suspended, database down). */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        if (e.getCause() instanceof ProblemException p) {
            return problem(p);
        }
        return Problems.response(ProblemType.UNAUTHENTICATED, "The caller could not be authenticated", List.of());
    }

    /** No credentials where an endpoint needs a role. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Problems.response(ProblemType.UNAUTHENTICATED, "Authenticate: members with a registered client"
                + " certificate or a client assertion in " + ClientAssertion.HEADER + ", operators with the admin"
                + " bearer token", List.of());
    }

    /** Authenticated, but without the role the endpoint needs (a member at an operators' endpoint, ...). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(ProblemType.FORBIDDEN, "This operation is not open to this caller", List.of());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable first = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
        return map(first);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problems.response(ProblemType.MALFORMED_REQUEST, jsonFault(e), pointerOf(e));
    }

    /**
     * JSON of the wrong shape (an array, a string, a field of the wrong type): mapped here, not by the framework's
     * own mapper, which answers 400 without a problem document.
     */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return map(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return map(e);
    }

    private Response map(Throwable e) {
        if (e instanceof ProblemException p) {
            return problem(p);
        }
        if (e instanceof JsonProcessingException j) {
            return unreadableJson(j);
        }
        if (e instanceof NotFoundException) {
            return Problems.response(ProblemType.NOT_FOUND, "No such resource", List.of());
        }
        if (e instanceof NotSupportedException) {
            return Problems.response(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This media type is not accepted here", List
                    .of());
        }
        if (e instanceof NotAcceptableException) {
            return Problems.response(ProblemType.NOT_ACCEPTABLE, "No representation matches the Accept header", List
                    .of());
        }
        if (e instanceof NotAllowedException) {
            return Problems.response(ProblemType.METHOD_NOT_ALLOWED, "This method is not allowed here", List.of());
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 413) {
            return Problems.response(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large", List.of());
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            return Problems.response(ProblemType.MALFORMED_REQUEST, "The request could not be processed", List.of());
        }
        LOG.error("Unexpected failure", e);
        return Problems.response(ProblemType.INTERNAL, "An internal error occurred; it has been logged", List.of());
    }

    private static String jsonFault(JsonProcessingException e) {
        if (e instanceof MismatchedInputException) {
            return "A field has the wrong type or the body is not the expected JSON object";
        }
        return "The body is not well-formed JSON";
    }

    private static List<FieldError> pointerOf(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            m.getPath().forEach(ref -> pointer.append('/')
                    .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex())));
            return List.of(new FieldError(pointer.toString(), "wrong type"));
        }
        return List.of();
    }
}

package org.yimatong.hub.tokens;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.auth.CallerAuthenticator;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Client authentication at {@code /v1/token} and {@code /v1/introspect} (RFC 7523 §2.2): the client assertion
 * travels in the form ({@code client_assertion_type}, {@code client_assertion}), or the client presents its
 * registered certificate. The checks (signature, {@code aud}, times, {@code jti} replay) are
 * {@link CallerAuthenticator}'s; a refusal is {@code invalid_client} with the authenticator's problem type.
 */
@ApplicationScoped
public class FormClientAuthentication {

    private final CallerAuthenticator authenticator;

    public FormClientAuthentication(CallerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Uni<Caller> authenticate(MultivaluedMap<String, String> form, HttpServerRequest request) {
        return Uni.createFrom().deferred(() -> {
            String assertion = single(form, "client_assertion");
            String type = single(form, "client_assertion_type");
            if (assertion != null && !ClientAssertion.FORM_TYPE.equals(type)) {
                throw invalidClient("client_assertion_type must be " + ClientAssertion.FORM_TYPE);
            }
            String clientId = single(form, "client_id");
            return authenticator.authenticate(assertion, request.sslSession()).map(caller -> {
                if (clientId != null && !clientId.equals(caller.entityId())) {
                    throw invalidClient("client_id does not name the authenticated client");
                }
                return caller;
            });
        }).onFailure(e -> e instanceof ProblemException && !(e instanceof TokenException))
                .transform(e -> new TokenException(OAuthError.INVALID_CLIENT, (ProblemException) e));
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new TokenException(OAuthError.INVALID_REQUEST, ProblemType.VALIDATION_FAILED,
                    name + " must not be repeated");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }

    private static TokenException invalidClient(String detail) {
        return new TokenException(OAuthError.INVALID_CLIENT, ProblemType.INVALID_CLIENT_ASSERTION, detail);
    }
}

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
 * registered certificate, or (without an assertion in the form) its session as {@code Authorization: Bearer}
 * (REQ-AUTH-2; RFC 7662 §2.1 names an access token as the way to call introspection): one signature check per
 * session instead of an assertion and a replay-cache row per request. The checks (signature, {@code aud}, times,
 * {@code jti} replay) are {@link CallerAuthenticator}'s; a refusal is {@code invalid_client}
 * with their problem type.
 */
@ApplicationScoped
public class FormClientAuthentication {

    private final CallerAuthenticator authenticator;

    public FormClientAuthentication(CallerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Uni<Caller> authenticate(MultivaluedMap<String, String> form, HttpServerRequest request) {
        return authenticate(form, request, true);
    }

    /**
     * As {@link #authenticate(MultivaluedMap, HttpServerRequest)}, but only by assertion or certificate: a new session
     * is bought with proof of the client's key, never with another session.
     */
    public Uni<Caller> authenticateWithoutSession(MultivaluedMap<String, String> form, HttpServerRequest request) {
        return authenticate(form, request, false);
    }

    private Uni<Caller> authenticate(MultivaluedMap<String, String> form, HttpServerRequest request,
            boolean sessionAllowed) {
        return Uni.createFrom().deferred(() -> {
            String assertion = single(form, "client_assertion");
            String type = single(form, "client_assertion_type");
            if (assertion != null && !ClientAssertion.FORM_TYPE.equals(type)) {
                throw invalidClient("client_assertion_type must be " + ClientAssertion.FORM_TYPE);
            }
            String clientId = single(form, "client_id");
            String authorization = request.getHeader("Authorization");
            Uni<Caller> authenticated = sessionAllowed && assertion == null && CallerAuthenticator.isBearer(
                    authorization) ? Uni.createFrom().item(() -> authenticator.bySession(authorization,
                            request.sslSession()))
                            : authenticator.authenticate(assertion, request.sslSession());
            return authenticated.map(caller -> {
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

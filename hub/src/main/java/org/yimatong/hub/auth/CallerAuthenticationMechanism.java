package org.yimatong.hub.auth;

import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.jose.ClientAssertion;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * How callers prove who they are, as one Quarkus Security mechanism: the operators' bearer token, a member's client
 * certificate (mutual TLS) or client assertion. A request offering none stays anonymous, and an endpoint that needs
 * a role refuses it with 401; the checks themselves are {@link CallerIdentityProvider}'s.
 */
@ApplicationScoped
public class CallerAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        String assertion = context.request().getHeader(ClientAssertion.HEADER);
        SSLSession tls = context.request().isSSL() ? context.request().sslSession() : null;
        if (authorization == null && assertion == null && !hasClientCertificate(tls)) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new CallerCredentials(authorization, assertion, tls), context));
    }

    /**
     * Ahead of Quarkus' own mutual TLS mechanism (enabled by {@code client-auth=request}, same default priority):
     * that one admits any trusted certificate as an identity without a member's roles, so which of the two ran
     * first would decide between 200 and 403 by bean order.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CallerCredentials.class);
    }

    private static boolean hasClientCertificate(SSLSession tls) {
        if (tls == null) {
            return false;
        }
        try {
            return tls.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            return false;
        }
    }
}

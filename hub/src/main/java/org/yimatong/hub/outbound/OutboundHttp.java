package org.yimatong.hub.outbound;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The one HTTP client for everything that leaves this hub (members, child hubs, the parent, key sets, callbacks):
 * kept-alive connections in a pool per host ({@code ymt.outbound.max-pool-size}: the Vert.x default of 5 queues
 * calls under load), a connect timeout, and redirects never followed (a member's URL that answers 3xx is a wrong
 * answer, not a pointer to somewhere else). Closed when the hub stops. Each call sets its own total timeout.
 * <p>
 * With {@code ymt.outbound.tls-configuration-name} naming a TLS configuration ({@code quarkus.tls.<name>.*}), the
 * hub presents that configuration's key store as its client certificate on every https call and trusts its trust
 * store: the hub's identity then costs one handshake per kept-alive connection instead of a signature per call
 * ({@link HubCredentials}, REQ-AUTH-3).
 */
@ApplicationScoped
public class OutboundHttp {

    static final String TLS_CONFIGURATION = "ymt.outbound.tls-configuration-name";

    @Produces
    @Singleton
    WebClient webClient(Vertx vertx, TlsConfigurationRegistry tlsConfigurations, HubCredentials credentials,
            @ConfigProperty(name = "ymt.outbound.max-pool-size", defaultValue = "100") int maxPoolSize,
            @ConfigProperty(name = "ymt.outbound.connect-timeout", defaultValue = "2s") Duration connectTimeout,
            @ConfigProperty(name = TLS_CONFIGURATION) Optional<String> tlsConfigurationName) {
        WebClientOptions options = new WebClientOptions()
                .setMaxPoolSize(maxPoolSize)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setFollowRedirects(false)
                // VertxMemberHttp makes each call's client span and traceparent itself, under the route step that
                // calls; Vert.x's own would hang every call off the server span and overwrite that traceparent
                .setTracingPolicy(TracingPolicy.IGNORE);
        tlsConfigurationName.ifPresent(name -> {
            TlsConfiguration tls = tlsConfigurations.get(name).orElseThrow(() -> new IllegalStateException(
                    TLS_CONFIGURATION + " names " + name + ", but there is no quarkus.tls." + name + " configuration"));
            if (tls.getKeyStoreOptions() == null) {
                throw new IllegalStateException("quarkus.tls." + name + " has no key store: the hub's client "
                        + "certificate (" + TLS_CONFIGURATION + ") must be in it");
            }
            options.setKeyCertOptions(tls.getKeyStoreOptions());
            if (tls.getTrustStoreOptions() != null) {
                options.setTrustOptions(tls.getTrustStoreOptions());
            }
            options.setTrustAll(tls.isTrustAll());
            options.setVerifyHost(!tls.isTrustAll());
        });
        return WebClient.create(vertx, options);
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}

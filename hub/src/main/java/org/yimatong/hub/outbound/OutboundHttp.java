package org.yimatong.hub.outbound;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The one HTTP client for everything that leaves this hub (members, child hubs, the parent, key sets, callbacks):
 * kept-alive connections in a pool per host ({@code ymt.outbound.max-pool-size}: the Vert.x default of 5 queues
 * calls under load), a connect timeout, and redirects never followed (a member's URL that answers 3xx is a wrong
 * answer, not a pointer to somewhere else). Closed when the hub stops. Each call sets its own total timeout.
 */
@ApplicationScoped
public class OutboundHttp {

    @Produces
    @Singleton
    WebClient webClient(Vertx vertx,
            @ConfigProperty(name = "ymt.outbound.max-pool-size", defaultValue = "100") int maxPoolSize,
            @ConfigProperty(name = "ymt.outbound.connect-timeout", defaultValue = "2s") Duration connectTimeout) {
        return WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(maxPoolSize)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                .setFollowRedirects(false));
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}

package org.yimatong.hub.database;

import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * One LISTEN connection per hub instance, through which PostgreSQL tells it that shared state changed
 * on another instance (REQ-HA-1). It reconnects by itself if the connection drops.
 */
public class ChangeNotifications {

    @Produces
    @Singleton
    PgSubscriber subscriber(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""));
        return PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    }

    void close(@Disposes PgSubscriber subscriber) {
        subscriber.closeAndAwait();
    }
}

package org.yimatong.hub.testing;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * What a second hub instance on the test database has of its own: a LISTEN connection, so that what it learns it
 * learns from PostgreSQL's NOTIFY, as another process would, not from the test instance's handlers.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    /**
     * A LISTEN connection to the test database, not yet connected (register the channels, then connect, as the hub's
     * startup does); close it when the test ends.
     */
    public static PgSubscriber listening(Vertx vertx) {
        Config config = ConfigProvider.getConfig();
        return PgSubscriber.subscriber(vertx, PgConnectOptions
                .fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse("")));
    }
}

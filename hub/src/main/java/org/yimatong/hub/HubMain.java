package org.yimatong.hub;

import org.apache.camel.quarkus.main.CamelMainApplication;
import org.yimatong.hub.database.DatabaseLocation;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the hub. The database must be known before Quarkus configures its datasources, so it is
 * settled here: a configured server ({@code YMT_DB_URL}) is used as it is, otherwise an embedded
 * PostgreSQL is started with its data under {@code ~/.yimatong} and stopped when the hub stops.
 */
@QuarkusMain
public class HubMain {

    public static void main(String... args) {
        try (DatabaseLocation database = DatabaseLocation.resolve(System.getenv())) {
            database.exportAsQuarkusConfiguration();
            // CamelMainApplication, not Quarkus.run(args): a plain run leaves the CamelContext stopped.
            Quarkus.run(CamelMainApplication.class, args);
        }
    }
}

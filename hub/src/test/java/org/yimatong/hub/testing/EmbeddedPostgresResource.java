package org.yimatong.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.yimatong.hub.database.DatabaseLocation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s: the same embedded server the hub starts by default, in a
 * fresh temporary folder, so every test run begins from an empty database.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private Path home;
    private DatabaseLocation database;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("ymt-test-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = DatabaseLocation.startEmbedded(home);
        return database.quarkusConfiguration();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp folder is harmless
            }
        }
    }
}

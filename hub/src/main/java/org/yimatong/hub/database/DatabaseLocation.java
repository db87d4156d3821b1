package org.yimatong.hub.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.yimatong.hub.home.YimatongHome;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Where the hub's PostgreSQL is: either a server named by {@code YMT_DB_URL} (a JDBC URL, with
 * {@code YMT_DB_USER} and {@code YMT_DB_PASSWORD}), or an embedded one this object starts and stops.
 * Both the JDBC datasource (Flyway) and the reactive one (the application) point at the same database.
 */
public final class DatabaseLocation implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DatabaseLocation.class);
    static final String PASSWORD_FILE = "db-password";
    private static final String PASSWORD_LOGINS_ONLY = """
            # Written by the Yimatong hub: every login needs the password in YMT_HOME/db-password.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;

    private DatabaseLocation(String jdbcUrl, String user, String password, EmbeddedPostgres embedded,
            Path dataDirectory) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
    }

    /** Reads {@code YMT_DB_URL}, {@code YMT_DB_USER}, {@code YMT_DB_PASSWORD} and {@code YMT_HOME}. */
    public static DatabaseLocation resolve(Map<String, String> env) {
        String url = env.get("YMT_DB_URL");
        if (url != null && !url.isBlank()) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException(
                        "YMT_DB_URL must be a JDBC URL: jdbc:postgresql://host:port/database");
            }
            LOG.infof("Using the PostgreSQL server at %s", url);
            return new DatabaseLocation(url, env.getOrDefault("YMT_DB_USER", "postgres"),
                    env.getOrDefault("YMT_DB_PASSWORD", ""), null, null);
        }
        return startEmbedded(YimatongHome.path(env));
    }

    /**
     * Starts (or restarts, keeping its data) an embedded PostgreSQL in {@code home/pgdata}. Its superuser has a
     * random password kept owner-only in {@code home/db-password}, and every login needs it: the data folder is
     * created by initdb with trust logins, which would let any local user in.
     */
    public static DatabaseLocation startEmbedded(Path home) {
        Path dataDirectory = home.resolve("pgdata");
        try {
            String password = YimatongHome.secret(home, PASSWORD_FILE, "YMT_DB_URL (an external PostgreSQL)");
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setConnectConfig("password", password)
                    .start();
            requirePassword(postgres, dataDirectory.resolve("pg_hba.conf"), password);
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            LOG.infof("Started embedded PostgreSQL on port %d with data in %s", postgres.getPort(), dataDirectory);
            return new DatabaseLocation(jdbcUrl, "postgres", password, postgres, dataDirectory);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Sets the password and turns trust logins off, once per data folder (a folder made before this is mended). */
    private static void requirePassword(EmbeddedPostgres postgres, Path hba, String password)
            throws IOException, SQLException {
        if (Files.readString(hba, StandardCharsets.UTF_8).equals(PASSWORD_LOGINS_ONLY)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = 'scram-sha-256'");
            // base64 has no quote, and ALTER ROLE takes no bind parameters
            statement.execute("alter role postgres password '" + password + "'");
            Files.writeString(hba, PASSWORD_LOGINS_ONLY, StandardCharsets.UTF_8);
            statement.execute("select pg_reload_conf()");
        }
        LOG.info("Embedded PostgreSQL: logins now need the password in " + PASSWORD_FILE);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The same database for the Vert.x reactive client, which takes the URL without {@code jdbc:} or parameters. */
    public String reactiveUrl() {
        String withoutScheme = jdbcUrl.substring("jdbc:".length());
        int query = withoutScheme.indexOf('?');
        return query < 0 ? withoutScheme : withoutScheme.substring(0, query);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** As Quarkus configuration properties, for a test resource or for {@link #exportAsQuarkusConfiguration()}. */
    public Map<String, String> quarkusConfiguration() {
        Map<String, String> configuration = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password));
        if (dataDirectory != null) {
            // where batch staging checks for free space (lists.ingest.StagingSpace)
            configuration.put("ymt.database.data-directory", dataDirectory.toString());
        }
        return Map.copyOf(configuration);
    }

    /** System properties outrank application.properties, so Quarkus connects to this database. */
    public void exportAsQuarkusConfiguration() {
        quarkusConfiguration().forEach(System::setProperty);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
                LOG.info("Stopped embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}

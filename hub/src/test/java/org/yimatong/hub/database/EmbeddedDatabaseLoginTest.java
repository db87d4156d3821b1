package org.yimatong.hub.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL lets in only who holds the password in the hub's home, also after a restart. */
class EmbeddedDatabaseLoginTest {

    @TempDir
    Path home;

    @Test
    void loginsNeedThePasswordKeptOwnerOnlyInTheHome() throws Exception {
        try (DatabaseLocation database = DatabaseLocation.startEmbedded(home)) {
            Path file = home.resolve(DatabaseLocation.PASSWORD_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(Files.readString(file).trim(), database.password());

            SQLException refused = assertThrows(SQLException.class, () -> login(database.jdbcUrl(),
                    "not-the-password"));
            assertEquals("28P01", refused.getSQLState(), refused.getMessage()); // invalid_password: no trust login
            assertThrows(SQLException.class, () -> login(database.jdbcUrl(), ""));
            assertTrue(login(database.jdbcUrl(), database.password()));
        }
        try (DatabaseLocation restarted = DatabaseLocation.startEmbedded(home)) {
            assertTrue(login(restarted.jdbcUrl(), restarted.password()));
            assertThrows(SQLException.class, () -> login(restarted.jdbcUrl(), "not-the-password"));
        }
    }

    private static boolean login(String url, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, credentials);
                ResultSet one = connection.createStatement().executeQuery("select 1")) {
            return one.next();
        }
    }
}
